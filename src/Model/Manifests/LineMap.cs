using YamlDotNet.Core;

namespace GitOps.Model.Manifests;

/// <summary>
/// Turns a character index in one document's text into the 1-based line and column of the file, counting lines by
/// <c>\n</c> only, as Git, editors' line numbers and the document splitter do. YamlDotNet's own line numbers also break
/// at <c>\r</c>, NEL (U+0085) and the Unicode line and paragraph separators, so they drift from the file's lines after
/// such a character; its character index does not.
/// </summary>
internal sealed class LineMap
{
    private readonly List<int> _lineStarts = [0];
    private readonly int _lineOffset;
    private readonly int _length;

    public LineMap(string text, int lineOffset)
    {
        _lineOffset = lineOffset;
        _length = text.Length;
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
            _lineStarts.Add(i + 1);
    }

    public SourcePosition At(Mark mark) => At(mark.Index);

    public SourcePosition At(long index)
    {
        var clamped = (int)Math.Clamp(index, 0, _length);
        var line = _lineStarts.BinarySearch(clamped);
        if (line < 0)
            line = ~line - 1;
        return new SourcePosition(_lineOffset + line + 1, clamped - _lineStarts[line] + 1);
    }

    /// <summary>The first line of the document, for problems that have no event to point at.</summary>
    public SourcePosition Start => new(_lineOffset + 1, 1);
}
