using System.Buffers;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Model.Json;

/// <summary>
/// Parses JSON text from outside (a request body, a manifest file) into a node, or a problem at a 1-based line and
/// column counted in characters. Beyond System.Text.Json's syntax checks it refuses bytes that are not UTF-8 and a
/// <c>\uD800</c>-style escape of a lone UTF-16 surrogate: the parser accepts both, but reading the string later throws,
/// far from the input at fault.
/// </summary>
public static class JsonText
{
    public static JsonTextResult Parse(ReadOnlySpan<byte> utf8, JsonDocumentOptions options)
    {
        if (!Utf8.IsValid(utf8))
        {
            var invalid = FirstInvalidUtf8(utf8);
            var (line, column) = Locate(utf8, invalid);
            return JsonTextResult.Invalid(line, column, $"byte {invalid} is not valid UTF-8; JSON text must be UTF-8 encoded");
        }
        try
        {
            // Checked first: a lone surrogate in a property name throws InvalidOperationException out of the duplicate-name check.
            if (utf8.IndexOf("\\u"u8) >= 0 && FindLoneSurrogateEscape(utf8, options) is { } offset)
            {
                var (line, column) = Locate(utf8, offset);
                return JsonTextResult.Invalid(line, column,
                    "a string escapes a lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair), which is not a character; remove it or escape the whole pair");
            }
            return JsonTextResult.Valid(JsonNode.Parse(utf8, documentOptions: options));
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            return JsonTextResult.Invalid(line + 1, CharacterColumn(utf8, line, e.BytePositionInLine ?? 0), FirstSentence(e.Message));
        }
    }

    public static JsonTextResult Parse(string text, JsonDocumentOptions options) => Parse(Encoding.UTF8.GetBytes(text), options);

    // The byte offset of the first string or property name whose escapes do not decode to valid UTF-16.
    private static long? FindLoneSurrogateEscape(ReadOnlySpan<byte> utf8, JsonDocumentOptions options)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = options.CommentHandling, MaxDepth = options.MaxDepth, AllowTrailingCommas = options.AllowTrailingCommas });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
                continue;
            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return reader.TokenStartIndex;
            }
        }
        return null;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length && Rune.DecodeFromUtf8(utf8[offset..], out _, out var length) == OperationStatus.Done)
            offset += length;
        return offset;
    }

    private static (int Line, int Column) Locate(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }

    // System.Text.Json counts the position in a line in UTF-8 bytes; an editor's column counts characters.
    private static int CharacterColumn(ReadOnlySpan<byte> utf8, int line, long bytePosition)
    {
        var start = 0;
        for (var i = 0; i < line; i++)
        {
            var newline = utf8[start..].IndexOf((byte)'\n');
            if (newline < 0)
                return 1;
            start += newline + 1;
        }
        var length = (int)Math.Min(bytePosition, utf8.Length - start);
        return Encoding.UTF8.GetCharCount(utf8.Slice(start, length)) + 1;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        var position = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return position > 0 ? text[..position] : text;
    }
}
