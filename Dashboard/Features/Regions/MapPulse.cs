using System.Globalization;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Features.Regions;

/// <summary>Something just happened in <paramref name="Code"/> (any tier below the map's region); a new <paramref name="Id"/> restarts the pulse.</summary>
public sealed record MapPulse(long Id, RegionCode Code);

/// <summary>A pulse placed on the map: at the centre of the drawn child <paramref name="Code"/>, in the map's coordinates.</summary>
public readonly record struct PlacedPulse(long Id, RegionCode Code, double X, double Y);

/// <summary>The part of the map's coordinates a map draws (its SVG view box), in whole units; written as the SVG attribute.</summary>
public readonly record struct MapViewBox(double X, double Y, double Width, double Height)
{
    public static readonly MapViewBox Unit = new(0, 0, 1, 1);

    /// <summary>The box around the given bounds with <paramref name="padding"/> on every side, rounded to whole units.</summary>
    public static MapViewBox Around(double minX, double minY, double maxX, double maxY, double padding) =>
        new(Math.Round(minX - padding), Math.Round(minY - padding), Math.Round(maxX - minX + 2 * padding), Math.Round(maxY - minY + 2 * padding));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X} {Y} {Width} {Height}");
}
