namespace GitOps.Model.Manifests;

/// <summary>
/// Splits a YAML stream at document markers (<c>---</c> and <c>...</c> at the start of a line), so that each document is
/// size-checked before parsing and a syntax error in one document does not hide the others.
/// </summary>
internal static class YamlDocumentSplitter
{
    public static List<YamlDocumentChunk> Split(string text)
    {
        var chunks = new List<YamlDocumentChunk>();
        var chunkStart = 0;
        var chunkLine = 1;
        var hasContent = false;
        var line = 1;
        var position = 0;
        while (position < text.Length)
        {
            var lineEnd = text.IndexOf('\n', position);
            var next = lineEnd < 0 ? text.Length : lineEnd + 1;
            var content = text.AsSpan(position, (lineEnd < 0 ? text.Length : lineEnd) - position).TrimEnd('\r');
            if (IsMarker(content, "---"))
            {
                if (position > chunkStart || hasContent)
                    chunks.Add(new YamlDocumentChunk(chunkStart, position, chunkLine, hasContent));
                chunkStart = position;
                chunkLine = line;
                hasContent = HasContent(content[3..]);
            }
            else if (IsMarker(content, "..."))
            {
                chunks.Add(new YamlDocumentChunk(chunkStart, position, chunkLine, hasContent));
                chunkStart = next;
                chunkLine = line + 1;
                hasContent = false;
            }
            else if (!hasContent && HasContent(content))
            {
                hasContent = true;
            }
            position = next;
            line++;
        }
        if (text.Length > chunkStart)
            chunks.Add(new YamlDocumentChunk(chunkStart, text.Length, chunkLine, hasContent));
        return chunks;
    }

    private static bool IsMarker(ReadOnlySpan<char> line, string marker) =>
        line.StartsWith(marker, StringComparison.Ordinal) && (line.Length == 3 || line[3] is ' ' or '\t');

    // A line carries content unless it is blank, a comment, or a directive (%YAML, %TAG).
    private static bool HasContent(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        return !trimmed.IsEmpty && trimmed[0] != '#' && !(line.Length > 0 && line[0] == '%');
    }
}
