using System.Text;

namespace GitOps.Model.Selectors;

public sealed partial record FieldSelector
{
    /// <summary>
    /// Parses <c>metadata.name=web,status.phase!=Running,spec.nodeName==n1</c>. A backslash escapes ',', '=', '!' and '\' in values.
    /// Bad input gives an error with the position and reason. An empty string selects everything.
    /// </summary>
    public static SelectorParseResult<FieldSelector> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return SelectorParseResult<FieldSelector>.Ok(Everything);
        var requirements = new List<FieldRequirement>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = FindUnescaped(text, start, ',');
            var term = text[start..end];
            var operatorAt = FindOperator(term, out var negated, out var operatorLength);
            if (operatorAt < 0)
                return SelectorParseResult<FieldSelector>.Fail(start, $"'{term}' is not a field requirement; expected field=value, field==value or field!=value");
            var field = term[..operatorAt].Trim();
            if (field.Length == 0)
                return SelectorParseResult<FieldSelector>.Fail(start, $"'{term}' has no field name before the operator");
            foreach (var c in field)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_' or '/'))
                    return SelectorParseResult<FieldSelector>.Fail(start, $"invalid field name '{field}': only letters, digits, '.', '-', '_' and '/' are allowed");
            }
            if (!TryUnescape(term[(operatorAt + operatorLength)..], out var value))
                return SelectorParseResult<FieldSelector>.Fail(start + operatorAt + operatorLength, $"the value of '{field}' has an unescaped '=' or '!' or an invalid escape sequence; write \\= \\! \\, or \\\\");
            requirements.Add(new FieldRequirement(field, negated, value));
            start = end + 1;
        }
        return SelectorParseResult<FieldSelector>.Ok(new FieldSelector(requirements));
    }

    /// <summary>The canonical string form, with special characters in values escaped.</summary>
    public override string ToString() =>
        string.Join(',', Requirements.Select(r => $"{r.Field}{(r.Negated ? "!=" : "=")}{Escape(r.Value)}"));

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace(",", "\\,").Replace("=", "\\=").Replace("!", "\\!");

    private static int FindUnescaped(string text, int from, char target)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '\\')
                i++;
            else if (text[i] == target)
                return i;
        }
        return text.Length;
    }

    private static int FindOperator(string term, out bool negated, out int length)
    {
        for (var i = 0; i < term.Length; i++)
        {
            if (term[i] == '\\')
            {
                i++;
                continue;
            }
            if (term[i] == '!' && i + 1 < term.Length && term[i + 1] == '=')
            {
                (negated, length) = (true, 2);
                return i;
            }
            if (term[i] == '=')
            {
                negated = false;
                length = i + 1 < term.Length && term[i + 1] == '=' ? 2 : 1;
                return i;
            }
        }
        (negated, length) = (false, 0);
        return -1;
    }

    private static bool TryUnescape(string value, out string result)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is '=' or '!')
            {
                result = "";
                return false;
            }
            if (value[i] != '\\')
            {
                builder.Append(value[i]);
                continue;
            }
            if (i + 1 >= value.Length || value[i + 1] is not ('\\' or ',' or '=' or '!'))
            {
                result = "";
                return false;
            }
            builder.Append(value[++i]);
        }
        result = builder.ToString();
        return true;
    }
}
