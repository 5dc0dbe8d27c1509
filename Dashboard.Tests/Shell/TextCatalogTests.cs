using AntiFraud.Dashboard.Localization;

namespace AntiFraud.Dashboard.Tests.Shell;

public sealed class TextCatalogTests
{
    [Fact]
    public void Every_UI_text_has_a_Chinese_and_an_English_version()
    {
        var catalog = new TextCatalog();

        var missing = catalog.Keys
            .SelectMany(k => TextCatalog.Cultures.Where(c => !catalog.Has(k, c)).Select(c => $"{k} ({c})"))
            .ToList();

        Assert.NotEmpty(catalog.Keys);
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_text_key_used_in_the_components_exists_in_the_catalogue()
    {
        var catalog = new TextCatalog();
        var root = Path.Combine(SourceRoot(), "Dashboard");
        var used = Directory.EnumerateFiles(root, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"T\[""([A-Za-z]+\.[A-Za-z0-9.]+)""").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(catalog.Keys));
    }

    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AntiFraudCenter.sln"))) return dir.FullName;
        throw new InvalidOperationException("Tests run from inside the repository.");
    }
}
