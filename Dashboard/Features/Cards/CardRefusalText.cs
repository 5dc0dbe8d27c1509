using System.Globalization;
using System.Text.RegularExpressions;
using AntiFraud.Dashboard.Features.Incidents;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using Microsoft.Extensions.Localization;

namespace AntiFraud.Dashboard.Features.Cards;

/// <summary>
/// Says in the reader's language why a card decision was refused. The commands word their refusals in English for API clients;
/// the rules known here get a translated sentence with the same figures and region names, anything else is shown as worded.
/// </summary>
public static partial class CardRefusalText
{
    private sealed record Rule(Regex Pattern, string Key, Func<Match, IStringLocalizer<Text>, RegionCatalog, object[]> Arguments);

    private static readonly Rule[] Rules =
    [
        new(AlreadyHeld(), "Card.Refusal.AlreadyHeld", (m, t, _) => [t[$"Card.{Capitalised(m.Groups["level"].Value)}"].Value]),
        new(AlreadyRed(), "Card.Refusal.AlreadyRed", None),
        new(NoneToEscalate(), "Card.Refusal.NoneToEscalate", None),
        new(NoneToLift(), "Card.Refusal.NoneToLift", None),
        new(LevelUnknown(), "Card.Refusal.Level", None),
        new(Nation(), "Card.Refusal.Nation", None),
        new(NotAbove(), "Card.Refusal.NotAbove", (m, t, c) =>
            [IncidentText.Name(c, RegionCode.Parse(m.Groups["region"].Value)), IncidentText.Centre(t, c, RegionCode.Parse(m.Groups["by"].Value))]),
        new(ReasonMissing(), "Card.Invalid.ReasonRequired", None),
        new(ReasonTooLong(), "Card.Invalid.ReasonTooLong", (m, _, _) => [int.Parse(m.Groups["max"].Value, CultureInfo.InvariantCulture)]),
        new(Conflict(), "Card.Refusal.Conflict", None),
    ];

    /// <summary>One sentence per reason, in the current UI language.</summary>
    public static IReadOnlyList<string> Describe(IEnumerable<FieldError> errors, IStringLocalizer<Text> text, RegionCatalog catalog) =>
        errors.Select(e => Describe(e.Message, text, catalog)).ToList();

    public static string Describe(string message, IStringLocalizer<Text> text, RegionCatalog catalog)
    {
        foreach (var rule in Rules)
            if (rule.Pattern.Match(message) is { Success: true } match)
                return text[rule.Key, rule.Arguments(match, text, catalog)];
        return message;
    }

    private static object[] None(Match match, IStringLocalizer<Text> text, RegionCatalog catalog) => [];

    private static string Capitalised(string level) => level.Length == 0 ? level : char.ToUpperInvariant(level[0]) + level[1..];

    [GeneratedRegex(@"^The region already holds a (?<level>yellow|red) card; escalate or lift it instead\b")] private static partial Regex AlreadyHeld();
    [GeneratedRegex(@"^The region already holds a red card, the highest\b")] private static partial Regex AlreadyRed();
    [GeneratedRegex(@"^The region holds no card to escalate\b")] private static partial Regex NoneToEscalate();
    [GeneratedRegex(@"^The region holds no card to lift\b")] private static partial Regex NoneToLift();
    [GeneratedRegex(@"^The level must be Yellow or Red\b")] private static partial Regex LevelUnknown();
    [GeneratedRegex(@"^The nation cannot hold a card\b")] private static partial Regex Nation();
    [GeneratedRegex(@"^Only a centre of a higher tier above (?<region>\d{6}) may decide its card; (?<by>\d{6}) is not one\b")] private static partial Regex NotAbove();
    [GeneratedRegex(@"^Give the reason for the decision\b")] private static partial Regex ReasonMissing();
    [GeneratedRegex(@"^The reason may be at most (?<max>\d+) characters\b")] private static partial Regex ReasonTooLong();
    [GeneratedRegex(@"^Someone else decided this card at the same moment\b")] private static partial Regex Conflict();
}
