using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Model.Manifests;

/// <summary>
/// The fast path of YAML to JSON: streams the parser events of a document straight into UTF-8 JSON, which is then
/// parsed lazily, so large repositories do not build and promote a node per scalar. Documents that use anchors,
/// aliases, explicit tags or merge keys make it give up (<see cref="TryWrite"/> returns false) and the reader uses
/// <see cref="YamlTreeBuilder"/> instead, which has the same semantics.
/// </summary>
internal sealed class YamlJsonWriter(IParser parser, ManifestReaderOptions options, LineMap lines)
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private Utf8JsonWriter _writer = null!;

    public Dictionary<string, SourcePosition> Positions { get; } = new(StringComparer.Ordinal);

    /// <summary>Writes the node whose start event is current; false when the document needs the tree builder.</summary>
    public bool TryWrite(ArrayBufferWriter<byte> buffer)
    {
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder, MaxDepth = options.MaxDepth + 2, SkipValidation = true });
        _writer = writer;
        var ok = WriteNode(0, null);
        writer.Flush();
        return ok;
    }

    public SourcePosition PositionOf(ParsingEvent e) => lines.At(e.Start);

    private bool WriteNode(int depth, string? path)
    {
        switch (parser.Current)
        {
            case Scalar scalar:
                if (!scalar.Anchor.IsEmpty || !(scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific))
                    return false;
                WriteScalar(scalar);
                parser.MoveNext();
                return true;
            case MappingStart mapping:
                return !mapping.Anchor.IsEmpty || !mapping.Tag.IsEmpty ? false : WriteMapping(mapping, depth + 1, path);
            case SequenceStart sequence:
                return !sequence.Anchor.IsEmpty || !sequence.Tag.IsEmpty ? false : WriteSequence(sequence, depth + 1, path);
            default:
                return false;
        }
    }

    private bool WriteMapping(MappingStart start, int depth, string? path)
    {
        CheckDepth(start, depth);
        parser.MoveNext();
        _writer.WriteStartObject();
        while (parser.Current is not MappingEnd)
        {
            if (parser.Current is not Scalar key || key.Value == "<<" || !key.Anchor.IsEmpty || !(key.Tag.IsEmpty || key.Tag.IsNonSpecific))
                return false;
            var childPath = Track(path, key.Value, key, depth);
            _writer.WritePropertyName(key.Value);
            parser.MoveNext();
            if (!WriteNode(depth, childPath))
                return false;
        }
        parser.MoveNext();
        _writer.WriteEndObject();
        return true;
    }

    private bool WriteSequence(SequenceStart start, int depth, string? path)
    {
        CheckDepth(start, depth);
        parser.MoveNext();
        _writer.WriteStartArray();
        var index = 0;
        while (parser.Current is not SequenceEnd)
        {
            if (parser.Current is null)
                return false;
            var childPath = Track(path, null, parser.Current, depth, index++);
            if (!WriteNode(depth, childPath))
                return false;
        }
        parser.MoveNext();
        _writer.WriteEndArray();
        return true;
    }

    private void WriteScalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            _writer.WriteStringValue(text);
            return;
        }
        if (YamlScalarResolver.IsNull(text))
        {
            _writer.WriteNullValue();
            return;
        }
        var first = text[0];
        if (first is 't' or 'T' or 'f' or 'F' && YamlScalarResolver.AsBool(text) is { } b)
        {
            _writer.WriteBooleanValue(b);
            return;
        }
        if ((char.IsAsciiDigit(first) || first is '-' or '+' or '.') && YamlScalarResolver.TryNumberText(text, out var json, out var asLong))
        {
            if (asLong is { } l)
                _writer.WriteNumberValue(l);
            else
                _writer.WriteRawValue(json, skipInputValidation: true);
            return;
        }
        _writer.WriteStringValue(text);
    }

    private void CheckDepth(ParsingEvent at, int depth)
    {
        if (depth > options.MaxDepth)
        {
            var position = PositionOf(at);
            throw new ManifestSyntaxException(position.Line, position.Column,
                $"nesting is deeper than {options.MaxDepth} levels; flatten the document or raise ManifestReaderOptions.MaxDepth");
        }
    }

    // Same paths as YamlTreeBuilder records: top-level fields, metadata, and list items.
    private string? Track(string? parent, string? key, ParsingEvent at, int depth, int index = 0)
    {
        if (depth > 4 || (depth > 1 && parent is null))
            return null;
        if (depth > 2 && !(parent!.StartsWith("metadata", StringComparison.Ordinal) || parent.StartsWith("items", StringComparison.Ordinal)))
            return null;
        var path = key is null ? $"{parent}[{index}]" : parent is null ? key : $"{parent}.{key}";
        Positions.TryAdd(path, PositionOf(at));
        return path;
    }
}
