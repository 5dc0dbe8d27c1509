namespace AntiFraud.Dashboard.Features.Charts;

/// <summary>One named series of numbers for <see cref="ApexChart"/>.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Data);

public enum ChartKind { Line, Area, Bar, Donut }
