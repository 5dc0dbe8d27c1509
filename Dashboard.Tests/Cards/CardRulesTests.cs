using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Trends;

namespace AntiFraud.Dashboard.Tests.Cards;

/// <summary>
/// The card rules on hand-made months. Ten counties; lines are the second-highest value (top 20%) but never below the minimum:
/// dens B 6, A 5, others at most 1 → line 5; victims B 20, C 12, others at most 3 → line 12.
/// </summary>
public sealed class CardRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 0, 30, 0, TimeSpan.FromHours(8));
    private static readonly CardWindow Window = CardWindow.EndingBefore(new DateOnly(2026, 11, 2), 3);
    private static readonly RegionCode A = RegionCode.Parse("440305"), B = RegionCode.Parse("440304"), C = RegionCode.Parse("440303");
    private static readonly RegionCode[] Counties = [A, B, C, .. new[] { "440306", "440307", "440308", "440309", "440310", "440311", "440106" }.Select(RegionCode.Parse)];

    private static readonly CardRules Rules = new()
    {
        WindowMonths = 3, RedWhenIndicators = 2, EscalateAfterMonths = 2, LiftAfterImprovingMonths = 2,
        Indicators =
        [
            new() { Indicator = CardIndicator.Dens, TopPercent = 20, MinimumCount = 3 },
            new() { Indicator = CardIndicator.Victims, TopPercent = 20, MinimumCount = 10 },
        ],
    };

    private static Dictionary<(RegionCode, DateOnly), MonthFigures> Months(params (RegionCode Region, long[] Dens, long[] Victims)[] rows)
    {
        var months = new Dictionary<(RegionCode, DateOnly), MonthFigures>();
        foreach (var (region, dens, victims) in rows)
            for (var i = 0; i < 3; i++)
                months[(region, Window.Months[i])] = MonthFigures.Zero with { DensLocatedHere = dens[i], Incidents = victims[i] };
        return months;
    }

    private static readonly Dictionary<(RegionCode, DateOnly), MonthFigures> Baseline = Months(
        (A, [2, 2, 1], [1, 1, 2]),
        (B, [2, 2, 2], [8, 6, 6]),
        (C, [0, 0, 0], [4, 4, 4]),
        (RegionCode.Parse("440306"), [1, 0, 0], [1, 1, 1]));

    private static IReadOnlyList<IndicatorReading> ReadingsOf(RegionCode region, Dictionary<(RegionCode, DateOnly), MonthFigures>? months = null)
    {
        months ??= Baseline;
        return CardEvaluation.Read(Rules, region, CardEvaluation.Lines(Rules, Counties, months, Window), months, Window);
    }

    private static RegionCard Holding(params ICardEvent[] events)
    {
        var projection = new RegionCardProjection();
        RegionCard? card = null;
        foreach (var e in events) card = projection.Evolve(card, RegionCard.StreamIdOf(e.Region), new JasperFx.Events.Event<ICardEvent>(e) { });
        return card!;
    }

    [Fact]
    public void The_window_is_the_three_whole_months_before_this_one()
    {
        Assert.Equal(new DateOnly(2026, 8, 1), Window.From);
        Assert.Equal(new DateOnly(2026, 10, 31), Window.To);
    }

    [Fact]
    public void Lines_are_the_value_at_the_top_share_of_same_tier_regions_but_not_below_the_minimum()
    {
        var lines = CardEvaluation.Lines(Rules, Counties, Baseline, Window);
        Assert.Equal(5, lines[CardIndicator.Dens]);
        Assert.Equal(12, lines[CardIndicator.Victims]);

        var quiet = CardEvaluation.Lines(Rules, Counties, Months((A, [1, 0, 0], [1, 0, 0])), Window);
        Assert.Equal(3, quiet[CardIndicator.Dens]);
        Assert.Equal(10, quiet[CardIndicator.Victims]);
    }

    [Fact]
    public void One_indicator_over_its_line_gives_a_yellow_card_that_says_which_value_crossed_which_line()
    {
        var issued = Assert.IsType<CardIssued>(CardEvaluation.Decide(Rules, A, null, ReadingsOf(A), Window, Now));

        Assert.Equal(CardLevel.Yellow, issued.Level);
        Assert.Equal(CardRuleNames.OneIndicator, issued.Rule);
        var dens = Assert.Single(issued.Readings, r => r.Crossed);
        Assert.Equal((CardIndicator.Dens, 5L, 5L), (dens.Indicator, dens.Value, dens.Line));
        Assert.Equal([2L, 2, 1], dens.ByMonth);
        // How the line was set travels with the card, so it is explained by the rules that gave it even after they change.
        Assert.Equal((20d, 3L), (dens.TopPercent, dens.MinimumCount));
        Assert.Equal(new CardRuleSettings(2, 2, 2), issued.Settings);
        Assert.Equal((Window.From, Window.To), (issued.WindowFrom, issued.WindowTo));
        Assert.Equal(CardDecidedBy.Rules, issued.DecidedBy);

        var victims = Assert.IsType<CardIssued>(CardEvaluation.Decide(Rules, C, null, ReadingsOf(C), Window, Now));
        Assert.Equal(CardIndicator.Victims, Assert.Single(victims.Readings, r => r.Crossed).Indicator);
    }

    [Fact]
    public void Several_indicators_over_their_lines_give_a_red_card_and_quiet_regions_none()
    {
        var issued = Assert.IsType<CardIssued>(CardEvaluation.Decide(Rules, B, null, ReadingsOf(B), Window, Now));
        Assert.Equal(CardLevel.Red, issued.Level);
        Assert.Equal(CardRuleNames.SeveralIndicators, issued.Rule);

        Assert.Null(CardEvaluation.Decide(Rules, RegionCode.Parse("440306"), null, ReadingsOf(RegionCode.Parse("440306")), Window, Now));
    }

    [Fact]
    public void Deciding_again_on_the_same_readings_decides_nothing()
    {
        var issued = (CardIssued)CardEvaluation.Decide(Rules, A, null, ReadingsOf(A), Window, Now)!;
        Assert.Null(CardEvaluation.Decide(Rules, A, Holding(issued), ReadingsOf(A), Window, Now));
    }

    [Fact]
    public void A_yellow_card_held_two_months_without_improvement_turns_red_and_not_before()
    {
        var stuck = Months((A, [2, 2, 2], [1, 1, 1]), (B, [1, 1, 1], [1, 1, 1]));
        var readings = ReadingsOf(A, stuck);
        var issuedLongAgo = new CardIssued(A, CardLevel.Yellow, CardRuleNames.OneIndicator, ReadingsOf(A), Window.From, Window.To,
            CardDecidedBy.Rules, RegionCode.National, "", Now.AddMonths(-2));
        var issuedLastMonth = issuedLongAgo with { At = Now.AddMonths(-1) };

        var escalated = Assert.IsType<CardEscalated>(CardEvaluation.Decide(Rules, A, Holding(issuedLongAgo), readings, Window, Now));
        Assert.Equal((CardLevel.Yellow, CardLevel.Red, CardRuleNames.YellowUnimproved), (escalated.From, escalated.To, escalated.Rule));
        Assert.Null(CardEvaluation.Decide(Rules, A, Holding(issuedLastMonth), readings, Window, Now));
    }

    [Fact]
    public void A_yellow_card_turns_red_at_once_when_a_second_indicator_crosses()
    {
        var issued = (CardIssued)CardEvaluation.Decide(Rules, A, null, ReadingsOf(A), Window, Now)!;
        var worse = Months((A, [2, 2, 1], [5, 5, 5]), (B, [2, 2, 2], [4, 4, 4]));

        var escalated = Assert.IsType<CardEscalated>(CardEvaluation.Decide(Rules, A, Holding(issued), ReadingsOf(A, worse), Window, Now));
        Assert.Equal(CardRuleNames.SeveralIndicators, escalated.Rule);
    }

    [Fact]
    public void A_card_is_lifted_after_two_months_of_decline_below_the_line_and_not_after_one()
    {
        var issued = (CardIssued)CardEvaluation.Decide(Rules, A, null, ReadingsOf(A), Window, Now.AddMonths(-3))!;
        // B and C keep the dens line at 9, well above A's 3.
        var improved = Months((A, [2, 1, 0], [1, 1, 1]), (B, [4, 4, 4], [1, 1, 1]), (C, [3, 3, 3], [1, 1, 1]));
        var bouncing = Months((A, [1, 0, 1], [1, 1, 1]), (B, [4, 4, 4], [1, 1, 1]), (C, [3, 3, 3], [1, 1, 1]));

        var lifted = Assert.IsType<CardLifted>(CardEvaluation.Decide(Rules, A, Holding(issued), ReadingsOf(A, improved), Window, Now));
        Assert.Equal((CardLevel.Yellow, CardRuleNames.Improved), (lifted.Level, lifted.Rule));
        Assert.Null(CardEvaluation.Decide(Rules, A, Holding(issued), ReadingsOf(A, bouncing), Window, Now));
    }

    [Fact]
    public void The_rules_leave_a_commanders_card_alone()
    {
        var manual = CardCommands.Issue(null, A, CardLevel.Red, "重大案件倒查", RegionCode.Parse("440000"), Now.AddMonths(-3));
        var card = Holding((ICardEvent)Assert.Single(manual.Events));
        var quiet = Months((A, [0, 0, 0], [0, 0, 0]));

        Assert.Null(CardEvaluation.Decide(Rules, A, card, ReadingsOf(A, quiet), Window, Now));
    }

    [Fact]
    public void Commanders_decide_only_below_their_own_tier_with_a_reason()
    {
        var guangdong = RegionCode.Parse("440000");
        Assert.Equal("/regionCode", CardCommands.Issue(null, A, CardLevel.Yellow, "理由", A, Now).Errors.Single().Field);
        Assert.Equal("/regionCode", CardCommands.Issue(null, A, CardLevel.Yellow, "理由", RegionCode.Parse("110000"), Now).Errors.Single().Field);
        Assert.Equal("/reason", CardCommands.Issue(null, A, CardLevel.Yellow, "  ", guangdong, Now).Errors.Single().Field);
        Assert.Equal("/regionCode", CardCommands.Issue(null, RegionCode.National, CardLevel.Yellow, "理由", RegionCode.National, Now).Errors.Single().Field);

        var issued = CardCommands.Issue(null, A, CardLevel.Yellow, " 窝点集中 ", guangdong, Now);
        var card = Holding((ICardEvent)Assert.Single(issued.Events));
        Assert.Equal("窝点集中", card.Current!.Reason);
        Assert.Equal(CardDecidedBy.Commander, card.Current.DecidedBy);

        Assert.True(CardCommands.Issue(card, A, CardLevel.Red, "再发", guangdong, Now).Refused);
        var escalated = Holding((ICardEvent)Assert.Single(issued.Events), (ICardEvent)Assert.Single(CardCommands.Escalate(card, A, "未整改", guangdong, Now).Events));
        Assert.Equal(CardLevel.Red, escalated.Level);
        Assert.True(CardCommands.Escalate(escalated, A, "再升", guangdong, Now).Refused);
        Assert.True(CardCommands.Lift(null, A, "无牌", guangdong, Now).Refused);
        Assert.False(CardCommands.Lift(escalated, A, "整改到位", guangdong, Now).Refused);
    }

    [Fact]
    public void Rules_that_cannot_work_are_refused_at_start_up_with_the_setting_named()
    {
        var rules = new CardRules { WindowMonths = 2, LiftAfterImprovingMonths = 2, Indicators = [new() { Indicator = CardIndicator.Dens, TopPercent = 80 }] };
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(rules, new(rules), errors, validateAllProperties: true));
        Assert.Contains(errors, e => e.ErrorMessage!.Contains("TopPercent"));
        Assert.Contains(errors, e => e.ErrorMessage!.Contains("WindowMonths"));
    }
}
