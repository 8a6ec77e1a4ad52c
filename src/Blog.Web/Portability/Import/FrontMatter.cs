using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Blog.Web.Portability.Import;

/// <summary>The YAML block between <c>---</c> lines at the top of a Markdown file (Jekyll, Hugo, Ghost, our own export).</summary>
public sealed partial class FrontMatter
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    private readonly Dictionary<string, object?> values;

    private FrontMatter(Dictionary<string, object?> values) => this.values = values;

    /// <exception cref="YamlException">The front matter is not valid YAML.</exception>
    public static (FrontMatter Meta, string Body) Split(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var match = Block().Match(text);
        if (!match.Success)
        {
            return (new FrontMatter([]), text);
        }

        var parsed = Yaml.Deserialize<Dictionary<object, object?>>(match.Groups["yaml"].Value) ?? [];
        var meta = parsed.ToDictionary(p => Convert.ToString(p.Key, CultureInfo.InvariantCulture)!.ToLowerInvariant(), p => p.Value, StringComparer.Ordinal);
        return (new FrontMatter(meta), text[match.Length..].TrimStart('\n'));
    }

    public string? Text(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (values.TryGetValue(key, out var value) && value is string { Length: > 0 } text && !string.IsNullOrWhiteSpace(text))
            {
                return text.Trim();
            }
        }

        return null;
    }

    /// <summary>A list written as a YAML sequence or as one comma-separated string.</summary>
    public IReadOnlyList<string> List(params string[] keys)
    {
        foreach (var key in keys)
        {
            switch (values.GetValueOrDefault(key))
            {
                case IEnumerable<object> items:
                    return [.. items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)?.Trim()).OfType<string>().Where(i => i.Length > 0)];
                case string text when text.Length > 0:
                    return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            }
        }

        return [];
    }

    public bool? Flag(string key) =>
        Text(key) is { } text ? text.ToLowerInvariant() is "true" or "yes" or "on" or "1" : null;

    public int? Number(string key) =>
        int.TryParse(Text(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    [GeneratedRegex(@"\A---[ \t]*\n(?<yaml>.*?)\n?(---|\.\.\.)[ \t]*(\n|\z)", RegexOptions.Singleline)]
    private static partial Regex Block();
}
