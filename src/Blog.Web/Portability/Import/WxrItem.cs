using System.Xml;

namespace Blog.Web.Portability.Import;

/// <summary>
/// One <c>&lt;item&gt;</c> of a WXR file as it was written, before any of it is interpreted. Element names are keyed
/// by a canonical prefix ("wp:post_name", "content:encoded"), whichever WXR version or prefix the file used.
/// </summary>
internal sealed class WxrItem
{
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>(domain, nicename, name) of each <c>&lt;category&gt;</c>: WordPress puts tags there too.</summary>
    public List<(string Domain, string Nicename, string Name)> Terms { get; } = [];

    public List<Dictionary<string, string>> Comments { get; } = [];

    /// <summary>The item holds more text than a post can (<see cref="ImportLimits.MaxItemChars"/>); what was past it was not kept.</summary>
    public bool TooLarge { get; private set; }

    private int chars;

    public string? this[string key] => Fields.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Reads the item the reader is on, up to and including its end tag.</summary>
    public static WxrItem Read(XmlReader reader)
    {
        var item = new WxrItem();
        if (reader.IsEmptyElement)
        {
            return item;
        }

        var depth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1)
            {
                continue;
            }

            switch (Key(reader))
            {
                case "category":
                    var domain = reader.GetAttribute("domain") ?? "category";
                    var nicename = reader.GetAttribute("nicename") ?? "";
                    item.Terms.Add((domain, nicename, item.ReadText(reader).Trim()));
                    break;
                case "wp:comment":
                    item.Comments.Add(item.ReadFields(reader));
                    break;
                case var key:
                    item.Fields.TryAdd(key, item.ReadText(reader));
                    break;
            }
        }

        return item;
    }

    /// <summary>A namespace-independent name: WXR 1.0, 1.1 and 1.2 differ only in the wp namespace's version.</summary>
    public static string Key(XmlReader reader)
    {
        var ns = reader.NamespaceURI;
        var prefix = ns switch
        {
            "" => reader.Prefix,
            _ when ns.Contains("/excerpt/", StringComparison.Ordinal) => "excerpt",
            _ when ns.Contains("wordpress.org/export", StringComparison.Ordinal) => "wp",
            _ when ns.Contains("purl.org/rss/1.0/modules/content", StringComparison.Ordinal) => "content",
            _ when ns.Contains("purl.org/dc/elements", StringComparison.Ordinal) => "dc",
            _ => "other",
        };
        return prefix.Length == 0 ? reader.LocalName : $"{prefix}:{reader.LocalName}";
    }

    private Dictionary<string, string> ReadFields(XmlReader reader)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.IsEmptyElement)
        {
            return fields;
        }

        var depth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1)
            {
                continue;
            }

            if (Key(reader) == "wp:commentmeta")
            {
                // A comment's meta (key and value pairs): kept as "meta:{key}", the first of each key.
                var meta = ReadFields(reader);
                if (meta.TryGetValue("wp:meta_key", out var key) && key.Trim().Length > 0)
                {
                    fields.TryAdd("meta:" + key.Trim(), meta.GetValueOrDefault("wp:meta_value", ""));
                }
            }
            else
            {
                fields.TryAdd(Key(reader), ReadText(reader));
            }
        }

        return fields;
    }

    /// <summary>
    /// All the text inside an element, whether it came as text, CDATA or a mix of both (exports are not consistent),
    /// and whatever stray markup is nested in it. Read in chunks, and kept only while the item's text stays within the
    /// limit: a field of a hundred megabytes never becomes one string.
    /// </summary>
    private string ReadText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return "";
        }

        var depth = reader.Depth;
        var text = new System.Text.StringBuilder();
        var chunk = new char[8192];
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                int read;
                while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                {
                    chars += read;
                    TooLarge |= chars > ImportLimits.MaxItemChars;
                    if (!TooLarge)
                    {
                        text.Append(chunk, 0, read);
                    }
                }
            }
        }

        return text.ToString();
    }
}
