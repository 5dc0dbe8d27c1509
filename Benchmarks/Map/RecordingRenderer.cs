using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.Logging;

namespace AntiFraud.Benchmarks.Map;

#pragma warning disable BL0006 // A renderer has to read render batches: that is what this class measures.

/// <summary>
/// A renderer with no display: it keeps what each render batch would cost to send (<see cref="BatchFigures"/>) instead of
/// sending it. Everything runs on the calling thread, so timings and allocation counts belong to the render itself.
/// </summary>
public sealed class RecordingRenderer(IServiceProvider services, ILoggerFactory loggerFactory) : Renderer(services, loggerFactory)
{
    public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

    /// <summary>When false, batches are not analysed, so a timed render pays only for rendering and diffing.</summary>
    public bool Analyse { get; set; } = true;

    /// <summary>The figures of the last batch analysed.</summary>
    public BatchFigures? LastBatch { get; private set; }

    /// <summary>The event handlers of the first two <c>onmouseover</c> attributes in the last batch that sent any (one per region).</summary>
    public (ulong First, ulong Second) MouseOverHandlers { get; private set; }

    public void Mount(IComponent component) =>
        Dispatcher.InvokeAsync(() => RenderRootComponentAsync(AssignRootComponentId(component))).GetAwaiter().GetResult();

    public void Run(Action action) => Dispatcher.InvokeAsync(action).GetAwaiter().GetResult();

    public void Dispatch(ulong eventHandlerId, EventArgs eventArgs) =>
        Dispatcher.InvokeAsync(() => DispatchEventAsync(eventHandlerId, null, eventArgs)).GetAwaiter().GetResult();

    protected override void HandleException(Exception exception) => ExceptionDispatchInfo.Throw(exception);

    protected override Task UpdateDisplayAsync(in RenderBatch renderBatch)
    {
        ulong first = 0;
        var frames = renderBatch.ReferenceFrames;
        for (var i = 0; i < frames.Count; i++)
        {
            ref var frame = ref frames.Array[i];
            if (frame.FrameType != RenderTreeFrameType.Attribute || frame.AttributeEventHandlerId == 0 || frame.AttributeName != "onmouseover") continue;
            if (first == 0)
            {
                first = frame.AttributeEventHandlerId;
                continue;
            }
            MouseOverHandlers = (first, frame.AttributeEventHandlerId);
            break;
        }
        if (Analyse) LastBatch = BatchFigures.Of(renderBatch);
        return Task.CompletedTask;
    }
}
