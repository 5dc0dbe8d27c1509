using System.Globalization;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Features.Shell;

/// <summary>How figures are written on screens: yuan in 万/亿 for Chinese readers, k/M/bn for English ones.</summary>
public static class Format
{
    private static bool Chinese => !PlaceNames.ReadsEnglish(CultureInfo.CurrentUICulture);

    public static string Money(decimal yuan)
    {
        var c = CultureInfo.CurrentCulture;
        if (Chinese)
            return yuan >= 100_000_000m ? (yuan / 100_000_000m).ToString("0.00", c) + "亿元"
                : yuan >= 10_000m ? (yuan / 10_000m).ToString("0.0", c) + "万元"
                : yuan.ToString("N0", c) + "元";
        return yuan >= 1_000_000_000m ? "¥" + (yuan / 1_000_000_000m).ToString("0.00", c) + " bn"
            : yuan >= 1_000_000m ? "¥" + (yuan / 1_000_000m).ToString("0.0", c) + " M"
            : yuan >= 10_000m ? "¥" + (yuan / 1_000m).ToString("0.0", c) + " k"
            : "¥" + yuan.ToString("N0", c);
    }

    /// <summary>Items listed in a sentence: "窝点、作案人员" for Chinese readers, "fraud dens, perpetrators" for English ones.</summary>
    public static string List(IEnumerable<string> items) => string.Join(Chinese ? "、" : ", ", items);

    /// <summary>
    /// Places listed in a sentence: "山东省 临沂市 郯城县、福建省 泉州市 安溪县"; in English with semicolons, as each place has
    /// commas of its own ("Tancheng County, Linyi, Shandong; Anxi County, Quanzhou, Fujian").
    /// </summary>
    public static string Places(IEnumerable<string> places) => string.Join(Chinese ? "、" : "; ", places);

    public static string Count(decimal n) => Math.Round(n).ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>The change against a base as a signed percentage, or null when there is nothing to compare with.</summary>
    public static decimal? Change(decimal now, decimal before) => before == 0 ? null : Math.Round((now - before) / before * 100m, 0);

    /// <summary>How a change reads: "good", "bad" or "flat" (none, or no base), given whether a rise is good news.</summary>
    public static string Tone(decimal? change, bool upIsGood) =>
        change is not { } c || c == 0 ? "flat" : (c > 0) == upIsGood ? "good" : "bad";

    /// <summary>The change's direction as a sign beside it (decoration: the percentage says it in words).</summary>
    public static string Arrow(decimal? change) => change is > 0 ? "▲" : change is < 0 ? "▼" : "■";

    public static string Percent(decimal? change) =>
        change is { } c ? (c > 0 ? "+" : "") + c.ToString("0", CultureInfo.CurrentCulture) + "%" : "—";

    public static string Minutes(double? minutes) =>
        minutes is { } m ? m.ToString("0", CultureInfo.CurrentCulture) + (Chinese ? " 分钟" : " min") : "—";

    public static string ChinaTime(DateTimeOffset t, string format = "HH:mm:ss") =>
        t.ToOffset(TimeSpan.FromHours(8)).ToString(format, CultureInfo.InvariantCulture);
}
