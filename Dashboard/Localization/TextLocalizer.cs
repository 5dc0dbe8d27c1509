using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace AntiFraud.Dashboard.Localization;

/// <summary>Marker for the product's UI text: inject <c>IStringLocalizer&lt;Text&gt;</c>.</summary>
public sealed class Text;

/// <summary>
/// UI text from embedded files (one per feature) that hold each key's Chinese and English side by side,
/// so a missing translation is visible in review and caught by a test.
/// </summary>
public sealed class TextCatalog
{
    public static readonly string[] Cultures = ["zh-CN", "en"];

    private const string ResourcePrefix = "AntiFraud.Dashboard.text.";
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byCulture;

    public TextCatalog()
    {
        // One file per feature (Localization/*.json), so features add their text without touching each other's files.
        var assembly = typeof(TextCatalog).Assembly;
        var entries = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var file = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
                ?? throw new InvalidOperationException($"The UI text resource {name} is empty.");
            foreach (var (key, value) in file)
                if (!entries.TryAdd(key, value)) throw new InvalidOperationException($"The UI text key {key} is defined twice ({name}).");
        }
        if (entries.Count == 0) throw new InvalidOperationException("The UI text resources are missing from the build.");
        Keys = entries.Keys.Order(StringComparer.Ordinal).ToArray();
        _byCulture = Cultures.ToFrozenDictionary(
            c => c,
            c => entries.Where(e => e.Value.ContainsKey(c)).ToFrozenDictionary(e => e.Key, e => e.Value[c]));
    }

    public IReadOnlyList<string> Keys { get; }

    public string? Find(string key, CultureInfo culture)
    {
        var table = culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? _byCulture["zh-CN"] : _byCulture["en"];
        return table.TryGetValue(key, out var value) ? value : null;
    }

    public bool Has(string key, string culture) => _byCulture[culture].ContainsKey(key);
}

public sealed class TextLocalizer(TextCatalog catalog) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var value = catalog.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var text = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, text.Value, arguments), text.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => catalog.Keys.Select(k => this[k]);
}

public sealed class TextLocalizerFactory(TextCatalog catalog) : IStringLocalizerFactory
{
    private readonly TextLocalizer _localizer = new(catalog);
    public IStringLocalizer Create(Type resourceSource) => _localizer;
    public IStringLocalizer Create(string baseName, string location) => _localizer;
}
