using System.Text;
using GitOps.Model.Manifests;

namespace GitOps.Model.Yaml;

/// <summary>Decides how a string is written so that any YAML reader (1.2 core, or 1.1 like older kubectl) reads it back as the same string.</summary>
internal static class YamlScalarStyle
{
    private static readonly HashSet<string> Yaml11Booleans = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    };

    public static bool CanBePlain(string text)
    {
        if (text.Length == 0 || YamlScalarResolver.IsTyped(text) || Yaml11Booleans.Contains(text))
            return false;
        var first = text[0];
        if (",[]{}#&*!|>'\"%@`".Contains(first) || first == ' ' || text[^1] == ' ' || text[^1] == ':')
            return false;
        if (first is '-' or '?' or ':' && (text.Length == 1 || text[1] == ' '))
            return false;
        if (char.IsAsciiDigit(first) || (first is '+' or '.' && text.Length > 1 && char.IsAsciiDigit(text[1])))
            return false;
        if (text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal))
            return false;
        if (text is "---" or "..." || text.StartsWith("--- ", StringComparison.Ordinal) || text.StartsWith("... ", StringComparison.Ordinal))
            return false;
        foreach (var c in text)
        {
            if (NeedsEscape(c) || c == '\t')
                return false;
        }
        return true;
    }

    /// <summary>True when a multi-line string reads back exactly from a literal block (<c>|</c> or <c>|-</c>).</summary>
    public static bool CanBeLiteral(string text)
    {
        if (!text.Contains('\n') || text[0] is ' ' or '\n' || text.EndsWith("\n\n", StringComparison.Ordinal))
            return false;
        foreach (var c in text)
        {
            if (c != '\n' && (NeedsEscape(c) || c == '\t'))
                return false;
        }
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.Length > 0 && line.Trim(' ').Length == 0)
                return false;
            if (line.EndsWith(' '))
                return false;
        }
        return true;
    }

    public static string DoubleQuoted(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (NeedsEscape(c) || char.IsSurrogate(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    // Characters YAML does not allow unescaped (C0/C1 controls other than tab and newline), or reads as line breaks or BOM.
    private static bool NeedsEscape(char c) =>
        c < 0x20 || c is (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF' || char.IsSurrogate(c);
}
