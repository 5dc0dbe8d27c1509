using System.Globalization;
using System.Text;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Briefings;

/// <summary>The languages a briefing is written in.</summary>
public enum BriefingLanguage { Chinese, English }

/// <summary>A briefing as prose: a title, the day in words, and sections of sentences.</summary>
public sealed record BriefingText(string Title, string DayText, IReadOnlyList<BriefingSection> Sections, BriefingLabels Labels);

/// <summary>One part of the briefing; <see cref="Key"/> is the same in every language (for tests and styling).</summary>
public sealed record BriefingSection(string Key, string Heading, IReadOnlyList<string> Sentences);

/// <summary>Words around the prose: chart titles and the like, in the briefing's language.</summary>
public sealed record BriefingLabels(string TrendChart, string TypeChart, string NoIncidents, string Footer, string Incidents);

/// <summary>
/// Writes a briefing's facts as the sentences a commander reads, in Chinese or English. Pure: the same facts always give the
/// same words. Numbers are written the way each readership counts: 万/亿 yuan in Chinese, thousands and millions in English.
/// </summary>
public static class BriefingWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static BriefingLanguage LanguageOf(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? BriefingLanguage.English : BriefingLanguage.Chinese;

    public static BriefingText Write(Briefing briefing, BriefingLanguage language) =>
        language == BriefingLanguage.English ? English.Write(briefing) : Chinese.Write(briefing);

    /// <summary>The whole briefing as plain text (the e-mail body), title first.</summary>
    public static string PlainText(BriefingText text)
    {
        var b = new StringBuilder();
        b.AppendLine(text.Title).AppendLine(text.DayText).AppendLine();
        foreach (var section in text.Sections)
        {
            b.AppendLine(section.Heading);
            foreach (var sentence in section.Sentences) b.AppendLine(sentence);
            b.AppendLine();
        }
        b.AppendLine(text.Labels.Footer);
        return b.ToString();
    }

    /// <summary>The change from <paramref name="before"/> to <paramref name="now"/> in percent, one decimal; null without a base.</summary>
    public static decimal? PercentChange(decimal now, decimal before) =>
        before == 0 ? null : Math.Round((now - before) / before * 100m, 1, MidpointRounding.AwayFromZero);

    public static string TypeName(FraudType type, BriefingLanguage language) => language == BriefingLanguage.English
        ? type switch
        {
            FraudType.Loan => "loan fraud",
            FraudType.OrderBrushing => "order brushing",
            FraudType.PigButchering => "pig butchering",
            FraudType.FakeCustomerService => "fake customer service",
            FraudType.FakeShopping => "fake shopping",
            FraudType.ImpersonatingAuthorities => "impersonating police or courts",
            FraudType.ImpersonatingAcquaintance => "impersonating leaders or acquaintances",
            FraudType.FakeInvestment => "fake investment",
            FraudType.GameTrading => "game trading",
            FraudType.CreditRecord => "credit-record fraud",
            _ => "other fraud",
        }
        : type switch
        {
            FraudType.Loan => "贷款诈骗",
            FraudType.OrderBrushing => "刷单返利",
            FraudType.PigButchering => "杀猪盘",
            FraudType.FakeCustomerService => "冒充客服",
            FraudType.FakeShopping => "虚假购物",
            FraudType.ImpersonatingAuthorities => "冒充公检法",
            FraudType.ImpersonatingAcquaintance => "冒充领导熟人",
            FraudType.FakeInvestment => "虚假投资理财",
            FraudType.GameTrading => "网游虚假交易",
            FraudType.CreditRecord => "注销校园贷/征信",
            _ => "其他类型诈骗",
        };

    private static class Chinese
    {
        private static readonly string[] Ordinals = ["一是", "二是", "三是", "四是", "五是"];

        public static BriefingText Write(Briefing briefing)
        {
            var f = briefing.Facts;
            var name = briefing.RegionName;
            var sections = new List<BriefingSection>
            {
                new("overview", "一、总体态势", Overview(f, name, briefing.Day)),
                new("funds", "二、资金拦截与打击", [Funds(f.Day)]),
                new("types", "三、诈骗类型", Types(f)),
                new("losses", "四、损失最大的警情", [Losses(f)]),
                new("warnings", "五、预警劝阻", [Warnings(f)]),
            };
            var n = sections.Count;
            if (f.BusiestChildren.Count > 0) sections.Add(new("regions", $"{Number(++n)}、地区分布", [Regions(f)]));
            sections.Add(new("cards", $"{Number(++n)}、红黄牌", Cards(f)));
            sections.Add(new("trends", $"{Number(++n)}、月度趋势", [Trends(f, name, briefing.Region.Tier == RegionTier.County)]));
            sections.Add(new("notable", $"{Number(++n)}、值得关注", [Notable(f)]));

            var centre = briefing.Region.Tier == RegionTier.National ? "国家" : name;
            return new BriefingText($"{name}反诈每日简报", DayText(briefing.Day), sections,
                new BriefingLabels("近30日警情数（起）", "诈骗类型占比", "当日无警情", $"{centre}反诈中心 · 数据截至{briefing.Day.Month}月{briefing.Day.Day}日24时（北京时间）", "警情"));
        }

        private static string Number(int n) => n switch { 6 => "六", 7 => "七", 8 => "八", 9 => "九", _ => n.ToString(Invariant) };

        public static string DayText(DateOnly day) =>
            $"{day.Year}年{day.Month}月{day.Day}日（星期{"日一二三四五六"[(int)day.DayOfWeek]}）";

        private static List<string> Overview(BriefingFacts f, string name, DateOnly day)
        {
            var d = f.Day;
            var date = $"{day.Month}月{day.Day}日";
            if (d.Incidents == 0)
                return [$"{date}，{name}未接报电信网络诈骗警情（前一日{Count(f.DayBefore.Incidents)}起，近30日日均{Average(f.Average30Days.Incidents)}起）。"];
            return
            [
                $"{date}，{name}共接报电信网络诈骗警情{Count(d.Incidents)}起，{CountChange(d.Incidents, f.DayBefore.Incidents, "前一日")}，" +
                $"{CountChange(d.Incidents, f.SameDayLastWeek.Incidents, "上周同日")}，{AverageChange(d.Incidents, f.Average30Days.Incidents, Average(f.Average30Days.Incidents) + "起")}。",
                $"群众被骗损失{Money(d.Loss)}，{PercentChangeText(d.Loss, f.DayBefore.Loss, "前一日")}，{PercentChangeText(d.Loss, f.SameDayLastWeek.Loss, "上周同日")}，" +
                $"{AverageChange(d.Loss, f.Average30Days.Loss, Money(f.Average30Days.Loss))}。",
            ];
        }

        private static string Funds(KeyFigures d) =>
            $"当日止付{Money(d.Stopped)}、冻结{Money(d.Frozen)}、返还{Money(d.Returned)}；立案{Count(d.CasesFiled)}起，破案{Count(d.CasesSolved)}起，抓获犯罪嫌疑人{Count(d.Arrests)}名。";

        private static List<string> Types(BriefingFacts f)
        {
            if (f.TypeShares.Count == 0) return ["当日无警情，暂无类型分布。"];
            var top = f.TypeShares;
            var b = new StringBuilder($"从诈骗类型看，{TypeName(top[0].Type, BriefingLanguage.Chinese)}占比最高，为{Share(top[0].Share)}（{Count(top[0].Incidents)}起）");
            if (top.Count > 1) b.Append($"；其次是{TypeName(top[1].Type, BriefingLanguage.Chinese)}（{Share(top[1].Share)}）");
            if (top.Count > 2) b.Append($"和{TypeName(top[2].Type, BriefingLanguage.Chinese)}（{Share(top[2].Share)}）");
            b.Append('。');
            var high = top.Where(t => BriefingFacts.HighIncidenceTypes.Contains(t.Type)).Sum(t => t.Share);
            return [b.ToString(), $"贷款、刷单返利、杀猪盘、冒充客服四类高发案件合计占{Share(high)}。"];
        }

        private static string Losses(BriefingFacts f)
        {
            if (f.LargestLosses.Count == 0) return "当日无涉案损失的警情。";
            var items = f.LargestLosses.Select((i, n) => $"{Ordinals[n]}{i.Place}一起{TypeName(i.Type, BriefingLanguage.Chinese)}案，损失{Money(i.Loss)}");
            return f.LargestLosses.Count == 1
                ? $"单笔损失最大的警情是{f.LargestLosses[0].Place}一起{TypeName(f.LargestLosses[0].Type, BriefingLanguage.Chinese)}案，损失{Money(f.LargestLosses[0].Loss)}。"
                : $"单笔损失最大的{Count(f.LargestLosses.Count)}起警情：{string.Join("；", items)}。";
        }

        private static string Warnings(BriefingFacts f)
        {
            var d = f.Day;
            var median = d.MedianMinutesToCallBack is { } m
                ? $"回访时间中位数为{Minutes(m)}分钟" + (f.DayBefore.MedianMinutesToCallBack is { } p ? $"（前一日{Minutes(p)}分钟）" : "")
                : "暂无回访时间记录";
            return $"全天下发预警指令{Count(d.WarningsIssued)}条，{CountChange(d.WarningsIssued, f.DayBefore.WarningsIssued, "前一日", "条")}；" +
                   $"完成首次回访{Count(d.WarningsCalledBack)}条，{median}；成功劝阻{Count(d.Dissuaded)}人次。";
        }

        private static string Regions(BriefingFacts f)
        {
            var c = f.BusiestChildren;
            var b = new StringBuilder($"分地区看，发案最多的是{c[0].Name}（{Count(c[0].Incidents)}起，前一日{Count(c[0].IncidentsDayBefore)}起）");
            if (c.Count > 1) b.Append($"，其次是{c[1].Name}（{Count(c[1].Incidents)}起）");
            if (c.Count > 2) b.Append($"和{c[2].Name}（{Count(c[2].Incidents)}起）");
            return b.Append('。').ToString();
        }

        private static List<string> Cards(BriefingFacts f)
        {
            var parts = new List<string>();
            var issued = f.CardChanges.Where(c => c.Change == CardChange.Issued).ToList();
            var escalated = f.CardChanges.Where(c => c.Change == CardChange.Escalated).ToList();
            var lifted = f.CardChanges.Where(c => c.Change == CardChange.Lifted).ToList();
            if (issued.Count > 0) parts.Add($"新挂牌{issued.Count}个：{string.Join("、", issued.Select(c => $"{c.Place}（{Level(c.Level)}）"))}");
            if (escalated.Count > 0) parts.Add($"升级为红牌{escalated.Count}个：{string.Join("、", escalated.Select(c => c.Place))}");
            if (lifted.Count > 0) parts.Add($"摘牌{lifted.Count}个：{string.Join("、", lifted.Select(c => c.Place))}");
            var first = parts.Count == 0 ? "当日无挂牌、升级或摘牌。" : $"当日{string.Join("；", parts)}。";
            var held = f.CardsHeldAtEnd;
            var second = held.Total == 0
                ? "截至当日末，辖区内没有地区处于挂牌整治中。"
                : $"截至当日末，辖区内共有{held.Total}个地区挂牌整治（红牌{held.Red}个、黄牌{held.Yellow}个）。";
            return [first, second];
        }

        private static string Level(CardLevel level) => level == CardLevel.Red ? "红牌" : "黄牌";

        private static string Trends(BriefingFacts f, string name, bool county)
        {
            if (f.TrendMonth is not { } month) return "尚无月度趋势数据。";
            var b = new StringBuilder($"按{month.Year}年{month.Month}月数据，");
            if (f.OwnDeclineStreak is >= 2) b.Append($"{name}已连续{f.OwnDeclineStreak}个月环比下降；");
            if (county) return b.Append(f.OwnDeclineStreak is >= 2 ? "" : $"{name}未连续两个月环比下降；").ToString().TrimEnd('；') + "。";
            if (f.DeclineStreaks.Count == 0) return b.Append("下级地区中暂无连续两个月环比下降的地区。").ToString();
            var named = f.DeclineStreaks.Take(5).Select(d => $"{d.Name}（{d.Streak}个月）");
            return b.Append($"下级地区中有{f.DeclineStreaks.Count}个连续两个月及以上环比下降：{string.Join("、", named)}{(f.DeclineStreaks.Count > 5 ? "等" : "")}。").ToString();
        }

        private static string Notable(BriefingFacts f)
        {
            if (f.Notable.Count == 0) return "当日无其他需要特别关注的警情。";
            var items = f.Notable.Select(i =>
                $"{i.Place}一起{TypeName(i.Type, BriefingLanguage.Chinese)}案（{i.OccurredAt.ToString("HH:mm", Invariant)}），损失{Money(i.Loss)}，" +
                string.Join("、", i.Reasons.Select(r => r == NotableReason.LargeLoss ? "属百万元以上大额损失" : "受害人为财会人员")));
            return $"{string.Join("；", items)}。";
        }

        private static string CountChange(decimal now, decimal before, string against, string unit = "起")
        {
            if (now == before) return $"与{against}持平";
            if (before == 0) return $"{against}为0{unit}";
            var delta = now - before;
            return $"较{against}{(delta > 0 ? "增加" : "减少")}{Count(Math.Abs(delta))}{unit}（{Signed(PercentChange(now, before)!.Value)}）";
        }

        private static string PercentChangeText(decimal now, decimal before, string against)
        {
            if (now == before) return $"与{against}持平";
            if (before == 0) return $"{against}为0";
            var change = PercentChange(now, before)!.Value;
            return $"较{against}{(change >= 0 ? "上升" : "下降")}{Percent(Math.Abs(change))}";
        }

        private static string AverageChange(decimal now, decimal average, string averageText)
        {
            if (average == 0) return "近30日无可比数据";
            var change = PercentChange(now, average)!.Value;
            return change == 0 ? $"与近30日日均（{averageText}）持平" : $"比近30日日均（{averageText}）{(change > 0 ? "高" : "低")}{Percent(Math.Abs(change))}";
        }

        /// <summary>Yuan in 元, 万元 (one decimal) or 亿元 (two decimals).</summary>
        public static string Money(decimal yuan) =>
            yuan >= 100_000_000m ? Round(yuan / 100_000_000m, 2).ToString("0.00", Invariant) + "亿元"
            : yuan >= 10_000m ? Round(yuan / 10_000m, 1).ToString("0.0", Invariant) + "万元"
            : Round(yuan, 0).ToString("N0", Invariant) + "元";
    }

    private static class English
    {
        private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth"];

        public static BriefingText Write(Briefing briefing)
        {
            var name = EnglishName(briefing.Region, briefing.RegionName);
            var f = InEnglish(briefing.Facts);
            var national = briefing.Region.Tier == RegionTier.National;
            var where = national ? "across the country" : $"in {name}";
            var sections = new List<BriefingSection>
            {
                new("overview", "1. Overall picture", Overview(f, where, briefing.Day)),
                new("funds", "2. Funds and enforcement", [Funds(f.Day)]),
                new("types", "3. Fraud types", Types(f)),
                new("losses", "4. Largest losses", [Losses(f)]),
                new("warnings", "5. Warnings and dissuasion", [Warnings(f)]),
            };
            var n = sections.Count;
            if (f.BusiestChildren.Count > 0) sections.Add(new("regions", $"{++n}. Where", [Regions(f)]));
            sections.Add(new("cards", $"{++n}. Red and yellow cards", Cards(f)));
            sections.Add(new("trends", $"{++n}. Monthly trend", [Trends(f, national ? "The country" : name, briefing.Region.Tier == RegionTier.County)]));
            sections.Add(new("notable", $"{++n}. Worth attention", [Notable(f)]));

            var title = national ? "Daily anti-fraud briefing: the nation" : $"Daily anti-fraud briefing: {name}";
            return new BriefingText(title, DayText(briefing.Day), sections,
                new BriefingLabels("Incidents per day, last 30 days", "Share of fraud types", "No incidents on the day",
                    $"{(national ? "National" : name)} anti-fraud centre · figures up to 24:00 China time on {DayText(briefing.Day)}", "incidents"));
        }

        public static string DayText(DateOnly day) => day.ToString("dddd d MMMM yyyy", Invariant);

        /// <summary>A region's English name by its code; a code the catalogue no longer knows keeps the name stored with it.</summary>
        private static string EnglishName(RegionCode code, string stored) =>
            RegionCatalog.Shipped.TryGet(code, out var region) ? region.EnglishName : stored;

        private static string EnglishPlace(RegionCode code, string stored) =>
            RegionCatalog.Shipped.TryGet(code, out var region) ? PlaceNames.EnglishPlace(region) : stored;

        /// <summary>The facts with their regions' English names: stored facts keep the Chinese names they were gathered with.</summary>
        private static BriefingFacts InEnglish(BriefingFacts f) => f with
        {
            LargestLosses = f.LargestLosses.Select(i => i with { Place = EnglishPlace(i.County, i.Place) }).ToList(),
            Notable = f.Notable.Select(i => i with { Place = EnglishPlace(i.County, i.Place) }).ToList(),
            CardChanges = f.CardChanges.Select(c => c with { Place = EnglishPlace(c.Region, c.Place) }).ToList(),
            DeclineStreaks = f.DeclineStreaks.Select(d => d with { Name = EnglishName(d.Region, d.Name) }).ToList(),
            BusiestChildren = f.BusiestChildren.Select(c => c with { Name = EnglishName(c.Region, c.Name) }).ToList(),
        };

        private static List<string> Overview(BriefingFacts f, string where, DateOnly day)
        {
            var d = f.Day;
            var date = day.ToString("d MMMM yyyy", Invariant);
            if (d.Incidents == 0)
                return [$"On {date}, centres {where} received no reports of telecom and network fraud (the day before: {Count(f.DayBefore.Incidents)}; 30-day daily average: {Average(f.Average30Days.Incidents)})."];
            return
            [
                $"On {date}, centres {where} received {Count(d.Incidents)} {Plural(d.Incidents, "report", "reports")} of telecom and network fraud: " +
                $"{CountChange(d.Incidents, f.DayBefore.Incidents, "the day before")}, {CountChange(d.Incidents, f.SameDayLastWeek.Incidents, "the same day last week")} " +
                $"and {AverageChange(d.Incidents, f.Average30Days.Incidents, Average(f.Average30Days.Incidents))}.",
                $"Victims lost {Money(d.Loss)}, {PercentChangeText(d.Loss, f.DayBefore.Loss, "the day before")}, {PercentChangeText(d.Loss, f.SameDayLastWeek.Loss, "the same day last week")} " +
                $"and {AverageChange(d.Loss, f.Average30Days.Loss, Money(f.Average30Days.Loss))}.",
            ];
        }

        private static string Funds(KeyFigures d) =>
            $"Payments stopped: {Money(d.Stopped)}; funds frozen: {Money(d.Frozen)}; returned to victims: {Money(d.Returned)}. " +
            $"Cases filed: {Count(d.CasesFiled)}; cases solved: {Count(d.CasesSolved)}; suspects arrested: {Count(d.Arrests)}.";

        private static List<string> Types(BriefingFacts f)
        {
            if (f.TypeShares.Count == 0) return ["No incidents, so no breakdown by type."];
            var top = f.TypeShares;
            var b = new StringBuilder($"By type, {TypeName(top[0].Type, BriefingLanguage.English)} led with {Share(top[0].Share)} ({Count(top[0].Incidents)})");
            if (top.Count > 2) b.Append($", followed by {TypeName(top[1].Type, BriefingLanguage.English)} ({Share(top[1].Share)}) and {TypeName(top[2].Type, BriefingLanguage.English)} ({Share(top[2].Share)})");
            else if (top.Count > 1) b.Append($", followed by {TypeName(top[1].Type, BriefingLanguage.English)} ({Share(top[1].Share)})");
            b.Append('.');
            var high = top.Where(t => BriefingFacts.HighIncidenceTypes.Contains(t.Type)).Sum(t => t.Share);
            return [b.ToString(), $"The four high-incidence types (loans, order brushing, pig butchering, fake customer service) made up {Share(high)} together."];
        }

        private static string Losses(BriefingFacts f)
        {
            if (f.LargestLosses.Count == 0) return "No incident with a loss was reported.";
            if (f.LargestLosses.Count == 1)
                return $"The largest single loss was {Money(f.LargestLosses[0].Loss)} to {TypeName(f.LargestLosses[0].Type, BriefingLanguage.English)} in {f.LargestLosses[0].Place}.";
            var items = f.LargestLosses.Select((i, n) => $"{Ordinals[n]}, {Money(i.Loss)} to {TypeName(i.Type, BriefingLanguage.English)} in {i.Place}");
            return $"The {Count(f.LargestLosses.Count)} largest single losses: {string.Join("; ", items)}.";
        }

        private static string Warnings(BriefingFacts f)
        {
            var d = f.Day;
            var median = d.MedianMinutesToCallBack is { } m
                ? $"the median time to call back was {Minutes(m)} {Plural((decimal)m, "minute", "minutes")}" +
                  (f.DayBefore.MedianMinutesToCallBack is { } p ? $" ({Minutes(p)} the day before)" : "")
                : "no call-back time was recorded";
            return $"{Count(d.WarningsIssued)} warning {Plural(d.WarningsIssued, "instruction was", "instructions were")} issued, " +
                   $"{CountChange(d.WarningsIssued, f.DayBefore.WarningsIssued, "the day before")}; {Count(d.WarningsCalledBack)} {Plural(d.WarningsCalledBack, "was", "were")} called back " +
                   $"and {median}; {Count(d.Dissuaded)} likely {Plural(d.Dissuaded, "victim was", "victims were")} dissuaded.";
        }

        private static string Regions(BriefingFacts f)
        {
            var c = f.BusiestChildren;
            var b = new StringBuilder($"Most incidents were reported in {c[0].Name} ({Count(c[0].Incidents)}; {Count(c[0].IncidentsDayBefore)} the day before)");
            if (c.Count > 2) b.Append($", then {c[1].Name} ({Count(c[1].Incidents)}) and {c[2].Name} ({Count(c[2].Incidents)})");
            else if (c.Count > 1) b.Append($", then {c[1].Name} ({Count(c[1].Incidents)})");
            return b.Append('.').ToString();
        }

        private static List<string> Cards(BriefingFacts f)
        {
            var parts = new List<string>();
            var issued = f.CardChanges.Where(c => c.Change == CardChange.Issued).ToList();
            var escalated = f.CardChanges.Where(c => c.Change == CardChange.Escalated).ToList();
            var lifted = f.CardChanges.Where(c => c.Change == CardChange.Lifted).ToList();
            if (issued.Count > 0) parts.Add($"{Count(issued.Count)} {Plural(issued.Count, "card", "cards")} issued ({string.Join(", ", issued.Select(c => $"{c.Place}, {Level(c.Level)}"))})");
            if (escalated.Count > 0) parts.Add($"{Count(escalated.Count)} raised to red ({string.Join(", ", escalated.Select(c => c.Place))})");
            if (lifted.Count > 0) parts.Add($"{Count(lifted.Count)} lifted ({string.Join(", ", lifted.Select(c => c.Place))})");
            var first = parts.Count == 0 ? "No card was issued, raised or lifted on the day." : $"On the day: {string.Join("; ", parts)}.";
            var held = f.CardsHeldAtEnd;
            var second = held.Total == 0
                ? "At the end of the day no region in the jurisdiction held a card."
                : $"At the end of the day {held.Total} {Plural(held.Total, "region", "regions")} held a card ({held.Red} red, {held.Yellow} yellow).";
            return [first, second];
        }

        private static string Level(CardLevel level) => level == CardLevel.Red ? "red" : "yellow";

        private static string Trends(BriefingFacts f, string name, bool county)
        {
            if (f.TrendMonth is not { } month) return "No monthly trend is available yet.";
            var b = new StringBuilder($"In {month.ToString("MMMM yyyy", Invariant)}, ");
            if (f.OwnDeclineStreak is >= 2) b.Append($"{name} had {f.OwnDeclineStreak} months of month-on-month decline in a row; ");
            if (county) return f.OwnDeclineStreak is >= 2 ? b.ToString().TrimEnd(' ', ';') + "." : b.Append($"{name} was not on a two-month decline.").ToString();
            if (f.DeclineStreaks.Count == 0) return b.Append("no region below was on a two-month month-on-month decline.").ToString();
            var named = f.DeclineStreaks.Take(5).Select(d => $"{d.Name} ({d.Streak} months)");
            return b.Append($"{f.DeclineStreaks.Count} {Plural(f.DeclineStreaks.Count, "region below was", "regions below were")} on a decline of two months or more: " +
                            $"{string.Join(", ", named)}{(f.DeclineStreaks.Count > 5 ? " and others" : "")}.").ToString();
        }

        private static string Notable(BriefingFacts f)
        {
            if (f.Notable.Count == 0) return "No other incident called for particular attention.";
            var items = f.Notable.Select(i =>
                $"{TypeName(i.Type, BriefingLanguage.English)} in {i.Place} at {i.OccurredAt.ToString("HH:mm", Invariant)}, {Money(i.Loss)} lost (" +
                string.Join(", ", i.Reasons.Select(r => r == NotableReason.LargeLoss ? "a loss over ¥1 million" : "the victim works in finance")) + ")");
            return $"{string.Join("; ", items)}.";
        }

        private static string CountChange(decimal now, decimal before, string against)
        {
            if (now == before) return $"as many as {against}";
            if (before == 0) return $"none {against}";
            var delta = now - before;
            return $"{Count(Math.Abs(delta))} {(delta > 0 ? "more" : "fewer")} than {against} ({Signed(PercentChange(now, before)!.Value)})";
        }

        private static string PercentChangeText(decimal now, decimal before, string against)
        {
            if (now == before) return $"the same as {against}";
            if (before == 0) return $"against nothing {against}";
            var change = PercentChange(now, before)!.Value;
            return $"{Percent(Math.Abs(change))} {(change >= 0 ? "more" : "less")} than {against}";
        }

        private static string AverageChange(decimal now, decimal average, string averageText)
        {
            if (average == 0) return "with nothing to compare in the 30 days before";
            var change = PercentChange(now, average)!.Value;
            return change == 0 ? $"level with the 30-day daily average of {averageText}" : $"{Percent(Math.Abs(change))} {(change > 0 ? "above" : "below")} the 30-day daily average of {averageText}";
        }

        private static string Plural(decimal n, string one, string many) => n == 1 ? one : many;

        /// <summary>Yuan in full below a million, then in millions (one decimal) and billions (two).</summary>
        public static string Money(decimal yuan) =>
            yuan >= 1_000_000_000m ? "¥" + Round(yuan / 1_000_000_000m, 2).ToString("0.00", Invariant) + " billion"
            : yuan >= 1_000_000m ? "¥" + Round(yuan / 1_000_000m, 1).ToString("0.0", Invariant) + " million"
            : "¥" + Round(yuan, 0).ToString("N0", Invariant);
    }

    /// <summary>Yuan as the language writes it (what the page and the PDF show beside the prose).</summary>
    public static string Money(decimal yuan, BriefingLanguage language) =>
        language == BriefingLanguage.English ? English.Money(yuan) : Chinese.Money(yuan);

    public static string DayText(DateOnly day, BriefingLanguage language) =>
        language == BriefingLanguage.English ? English.DayText(day) : Chinese.DayText(day);

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    private static string Count(decimal n) => Round(n, 0).ToString("N0", Invariant);

    private static string Count(int n) => n.ToString("N0", Invariant);

    private static string Average(decimal n) => Round(n, 1).ToString("#,##0.0", Invariant);

    private static string Minutes(double m) => Math.Round(m, 1, MidpointRounding.AwayFromZero).ToString("0.#", Invariant);

    private static string Percent(decimal p) => p.ToString("0.0", Invariant) + "%";

    private static string Signed(decimal p) => (p > 0 ? "+" : p < 0 ? "−" : "") + Percent(Math.Abs(p));

    private static string Share(decimal share) => Round(share * 100m, 1).ToString("0.0", Invariant) + "%";
}
