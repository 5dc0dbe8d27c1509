using System.Globalization;
using System.Text.RegularExpressions;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using Microsoft.Extensions.Localization;

namespace AntiFraud.Dashboard.Features.Incidents;

/// <summary>
/// Says in the reader's language why the ledger refused an action. The decisions word their refusals in English for API clients;
/// the rules known here get a translated sentence with the same figures, anything else is shown as the decision worded it.
/// </summary>
public static partial class RefusalText
{
    private sealed record Rule(Regex Pattern, string Key, Func<Match, RegionCatalog, object[]> Arguments);

    private static readonly Rule[] Rules =
    [
        new(Closed(), "Incident.Refusal.Closed", None),
        new(StopExceedsLoss(), "Incident.Refusal.StopExceedsLoss", Amounts),
        new(FreezeExceedsLoss(), "Incident.Refusal.FreezeExceedsLoss", Amounts),
        new(ReturnExceedsFrozen(), "Incident.Refusal.ReturnExceedsFrozen", Amounts),
        new(AmountNotPositive(), "Incident.Invalid.AmountPositive", None),
        new(AmountTooLarge(), "Incident.Invalid.AmountTooLarge", None),
        new(AmountDecimals(), "Incident.Invalid.AmountDecimals", None),
        new(AlreadyFiled(), "Incident.Refusal.AlreadyFiled", None),
        new(NotFiled(), "Incident.Refusal.NotFiled", None),
        new(AlreadySolved(), "Incident.Refusal.AlreadySolved", None),
        new(SuspectsRange(), "Incident.Invalid.SuspectCount", None),
        new(MoreRegionsThanSuspects(), "Incident.Invalid.TooManyRegions", None),
        new(ArrestsRange(), "Incident.Invalid.Arrests", None),
        new(EscalationNotAbove(), "Incident.Refusal.NotAbove", Regions),
        new(Conflict(), "Incident.Refusal.Conflict", None),
    ];

    /// <summary>One sentence per reason, in the current UI language.</summary>
    public static IReadOnlyList<string> Describe(IEnumerable<FieldError> errors, IStringLocalizer<Text> text, RegionCatalog catalog) =>
        errors.Select(e => Describe(e.Message, text, catalog)).ToList();

    public static string Describe(string message, IStringLocalizer<Text> text, RegionCatalog catalog)
    {
        foreach (var rule in Rules)
            if (rule.Pattern.Match(message) is { Success: true } match)
                return text[rule.Key, rule.Arguments(match, catalog)];
        return message;
    }

    private static object[] None(Match match, RegionCatalog catalog) => [];

    private static object[] Amounts(Match match, RegionCatalog catalog) =>
        [Yuan(match.Groups["amount"].Value), Yuan(match.Groups["limit"].Value), Yuan(match.Groups["already"].Value)];

    private static object[] Regions(Match match, RegionCatalog catalog) =>
    [
        IncidentText.Name(catalog, RegionCode.Parse(match.Groups["to"].Value)),
        IncidentText.Name(catalog, RegionCode.Parse(match.Groups["handling"].Value)),
    ];

    // The decisions format amounts with the culture of the moment; either separator is read back.
    private static string Yuan(string amount) =>
        decimal.TryParse(amount.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? IncidentText.Yuan(value) : amount;

    [GeneratedRegex(@"^The incident is closed\b")] private static partial Regex Closed();
    [GeneratedRegex(@"^Stop-payment of (?<amount>[\d.,]+) yuan would exceed the loss of (?<limit>[\d.,]+) yuan \((?<already>[\d.,]+) already stopped\)")] private static partial Regex StopExceedsLoss();
    [GeneratedRegex(@"^Freezing (?<amount>[\d.,]+) yuan would exceed the loss of (?<limit>[\d.,]+) yuan \((?<already>[\d.,]+) already frozen\)")] private static partial Regex FreezeExceedsLoss();
    [GeneratedRegex(@"^Returning (?<amount>[\d.,]+) yuan would exceed the frozen (?<limit>[\d.,]+) yuan \((?<already>[\d.,]+) already returned\)")] private static partial Regex ReturnExceedsFrozen();
    [GeneratedRegex(@"^The amount must be more than zero\b")] private static partial Regex AmountNotPositive();
    [GeneratedRegex(@"^The amount is over 10 billion yuan\b")] private static partial Regex AmountTooLarge();
    [GeneratedRegex(@"^The amount has more than two decimals\b")] private static partial Regex AmountDecimals();
    [GeneratedRegex(@"^The case is already filed\b")] private static partial Regex AlreadyFiled();
    [GeneratedRegex(@"^A case must be filed before it can be solved\b")] private static partial Regex NotFiled();
    [GeneratedRegex(@"^The case is already solved\b")] private static partial Regex AlreadySolved();
    [GeneratedRegex(@"^The number of suspects must be between\b")] private static partial Regex SuspectsRange();
    [GeneratedRegex(@"^More home regions than suspects\b")] private static partial Regex MoreRegionsThanSuspects();
    [GeneratedRegex(@"^Arrests must be between\b")] private static partial Regex ArrestsRange();
    [GeneratedRegex(@"^An escalation goes to a higher tier above the incident: (?<to>\d{6}) is not above (?<handling>\d{6})")] private static partial Regex EscalationNotAbove();
    [GeneratedRegex(@"^A different report with this externalId is already stored\b")] private static partial Regex Conflict();
}
