using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace AntiFraud.Benchmarks.Map;

/// <summary>
/// Stands in for the page that owns a <see cref="RegionMap"/>: it holds the map's inputs and re-renders it when they change,
/// as a page does when new figures arrive.
/// </summary>
public sealed class MapHost(Region parent) : IComponent
{
    private RenderHandle _handle;

    public Region Parent { get; } = parent;
    public IReadOnlyDictionary<RegionCode, double>? Values { get; set; }
    public IReadOnlyDictionary<RegionCode, CardLevel>? Cards { get; set; }
    public string? MetricName { get; set; }

    void IComponent.Attach(RenderHandle renderHandle) => _handle = renderHandle;

    Task IComponent.SetParametersAsync(ParameterView parameters)
    {
        Refresh();
        return Task.CompletedTask;
    }

    /// <summary>Renders the map with the current inputs; call it on the renderer's dispatcher.</summary>
    public void Refresh() => _handle.Render(Build);

    private void Build(RenderTreeBuilder builder)
    {
        builder.OpenComponent<RegionMap>(0);
        builder.AddComponentParameter(1, nameof(RegionMap.Parent), Parent);
        builder.AddComponentParameter(2, nameof(RegionMap.Values), Values);
        builder.AddComponentParameter(3, nameof(RegionMap.MetricName), MetricName);
        builder.AddComponentParameter(4, nameof(RegionMap.Cards), Cards);
        builder.CloseComponent();
    }
}
