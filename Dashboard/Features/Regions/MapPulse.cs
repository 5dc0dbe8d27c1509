using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Features.Regions;

/// <summary>Something just happened in <paramref name="Code"/> (any tier below the map's region); a new <paramref name="Id"/> restarts the pulse.</summary>
public sealed record MapPulse(long Id, RegionCode Code);

/// <summary>A pulse placed on the map: at the centre of the drawn child <paramref name="Code"/>, in the map's coordinates.</summary>
public readonly record struct PlacedPulse(long Id, RegionCode Code, double X, double Y);
