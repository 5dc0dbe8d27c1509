using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Features.Regions;

/// <summary>Something just happened in <paramref name="Code"/> (any tier below the map's region); a new <paramref name="Id"/> restarts the pulse.</summary>
public sealed record MapPulse(long Id, RegionCode Code);
