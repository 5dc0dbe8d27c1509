namespace AntiFraud.Dashboard.Features.Regions;

/// <summary>
/// A sequential colour scale in five classes from zero to a rounded maximum. Blues that brighten with the value stay readable on the
/// dark wall theme and never look like the red and yellow of a card.
/// </summary>
public sealed class MapScale
{
    public static readonly string[] Colours = ["#1f4e79", "#2878b5", "#3d9ad6", "#6bbbeb", "#b3e0fb"];
    /// <summary>Nothing happened here: darker than every class, so one incident always shows.</summary>
    public const string ZeroColour = "#1a2636";
    public const string NoValueColour = "#3a4556";
    public const string NeutralColour = "#2d4a68";

    private MapScale(double[] upperBounds) => UpperBounds = upperBounds;

    /// <summary>Upper bound of each class, inclusive; the last one is the rounded maximum.</summary>
    public IReadOnlyList<double> UpperBounds { get; }

    public static MapScale For(IEnumerable<double> values)
    {
        var max = values.DefaultIfEmpty(0).Max();
        var top = NiceCeiling(Math.Max(max, Colours.Length));
        return new MapScale(Enumerable.Range(1, Colours.Length).Select(i => top * i / Colours.Length).ToArray());
    }

    public int ClassOf(double value)
    {
        for (var i = 0; i < UpperBounds.Count; i++)
            if (value <= UpperBounds[i]) return i;
        return UpperBounds.Count - 1;
    }

    public string ColourOf(double? value) => value switch
    {
        null => NoValueColour,
        <= 0 => ZeroColour,
        { } v => Colours[ClassOf(v)],
    };

    public double LowerBoundOf(int index) => index == 0 ? 0 : UpperBounds[index - 1];

    // 1, 2 or 5 times a power of ten, so legend bounds read as round numbers.
    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
            if (step * magnitude >= value) return step * magnitude;
        return 10 * magnitude;
    }
}
