using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Model.Manifests;

/// <summary>
/// Turns the parser events of one YAML document into a JSON tree, as sigs.k8s.io/yaml does: mapping keys become
/// strings, plain scalars are typed by the YAML 1.2 core schema, aliases are copied (within a budget), merge keys
/// (<c>&lt;&lt;</c>) are applied. Records the positions of the fields the validator reports on.
/// </summary>
internal sealed class YamlTreeBuilder(IParser parser, ManifestReaderOptions options, LineMap lines)
{
    private const string MergeKey = "<<";

    private readonly Dictionary<string, (JsonNode? Node, int Count)> _anchors = new(StringComparer.Ordinal);
    private int _nodeCount;
    private int _aliasNodes;

    public Dictionary<string, SourcePosition> Positions { get; } = new(StringComparer.Ordinal);

    /// <summary>Problems that do not stop the document, such as a duplicate mapping key (the last value wins, as in Kubernetes).</summary>
    public List<(SourcePosition Position, string Message)> Warnings { get; } = [];

    /// <summary>Builds the node whose start event is current, leaving the parser after its end event.</summary>
    public JsonNode? ReadNode(int depth, string? path)
    {
        var current = parser.Current ?? throw Error(null, "unexpected end of YAML");
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return ExpandAlias(alias);
            case Scalar scalar:
                parser.MoveNext();
                return Remember(scalar.Anchor, ConvertScalar(scalar), 1);
            case MappingStart mapping:
                return ReadMapping(mapping, depth + 1, path);
            case SequenceStart sequence:
                return ReadSequence(sequence, depth + 1, path);
            default:
                throw Error(current, $"unexpected YAML event {current.GetType().Name}");
        }
    }

    public SourcePosition PositionOf(ParsingEvent e) => lines.At(e.Start);

    private JsonObject ReadMapping(MappingStart start, int depth, string? path)
    {
        CheckDepth(start, depth);
        var before = _nodeCount++;
        parser.MoveNext();
        var result = new JsonObject();
        List<JsonObject>? merges = null;
        while (parser.Current is not MappingEnd)
        {
            var keyEvent = parser.Current ?? throw Error(start, "unexpected end of YAML inside a mapping");
            if (keyEvent is Scalar { Value: MergeKey, Style: ScalarStyle.Plain })
            {
                parser.MoveNext();
                merges ??= [];
                CollectMerge(keyEvent, ReadNode(depth, null), merges);
                continue;
            }
            var key = ReadKey(keyEvent);
            if (result.ContainsKey(key))
            {
                var message = $"mapping key '{key}' is already defined in this mapping; the last value wins, remove the duplicate";
                if (options.DuplicateKeysAreErrors)
                    throw Error(keyEvent, message);
                Warnings.Add((PositionOf(keyEvent), message));
            }
            var childPath = Track(path, key, keyEvent, depth);
            result[key] = ReadNode(depth, childPath);
        }
        parser.MoveNext();
        if (merges is not null)
        {
            foreach (var merge in merges)
            {
                foreach (var (key, value) in merge)
                {
                    if (!result.ContainsKey(key))
                        result[key] = value?.DeepClone();
                }
            }
        }
        return (JsonObject)Remember(start.Anchor, result, _nodeCount - before)!;
    }

    private JsonArray ReadSequence(SequenceStart start, int depth, string? path)
    {
        CheckDepth(start, depth);
        var before = _nodeCount++;
        parser.MoveNext();
        var result = new JsonArray();
        var index = 0;
        while (parser.Current is not SequenceEnd)
        {
            var item = parser.Current ?? throw Error(start, "unexpected end of YAML inside a sequence");
            var childPath = Track(path, null, item, depth, index++);
            result.Add(ReadNode(depth, childPath));
        }
        parser.MoveNext();
        return (JsonArray)Remember(start.Anchor, result, _nodeCount - before)!;
    }

    private string ReadKey(ParsingEvent keyEvent)
    {
        if (keyEvent is not Scalar scalar)
        {
            if (keyEvent is AnchorAlias alias && _anchors.TryGetValue(alias.Value.Value, out var anchored) && anchored.Node is JsonValue v)
            {
                parser.MoveNext();
                return v.TryGetValue<string>(out var s) ? s : v.ToJsonString();
            }
            throw Error(keyEvent, "mapping keys must be plain strings, not mappings or sequences");
        }
        parser.MoveNext();
        _nodeCount++;
        if (!scalar.Anchor.IsEmpty)
            _anchors[scalar.Anchor.Value] = (JsonValue.Create(scalar.Value), 1);
        return scalar.Value;
    }

    private void CollectMerge(ParsingEvent at, JsonNode? value, List<JsonObject> merges)
    {
        switch (value)
        {
            case JsonObject map:
                merges.Add(map);
                break;
            case JsonArray list when list.All(i => i is JsonObject):
                merges.AddRange(list.Cast<JsonObject>());
                break;
            default:
                throw Error(at, "a merge key '<<' must be followed by a mapping or a list of mappings");
        }
    }

    private JsonNode? ConvertScalar(Scalar scalar)
    {
        _nodeCount++;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is not null && !scalar.Tag.IsNonSpecific)
        {
            switch (tag)
            {
                case "tag:yaml.org,2002:str" or "tag:yaml.org,2002:binary" or "tag:yaml.org,2002:timestamp":
                    return JsonValue.Create(scalar.Value);
                case "tag:yaml.org,2002:null":
                    return null;
                case "tag:yaml.org,2002:bool":
                    return YamlScalarResolver.AsBool(scalar.Value) is { } b ? JsonValue.Create(b) : throw Error(scalar, $"'{scalar.Value}' is not a boolean (!!bool)");
                case "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float":
                    return YamlScalarResolver.TryNumber(scalar.Value, out var n) ? n : throw Error(scalar, $"'{scalar.Value}' is not a number ({tag})");
            }
        }
        if (scalar.Style != ScalarStyle.Plain || (tag is not null && scalar.Tag.IsNonSpecific))
            return JsonValue.Create(scalar.Value);
        return YamlScalarResolver.Resolve(scalar.Value);
    }

    private JsonNode? ExpandAlias(AnchorAlias alias)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
            throw Error(alias, $"alias '*{alias.Value.Value}' refers to an anchor that is not defined before it");
        _aliasNodes += anchored.Count;
        _nodeCount += anchored.Count;
        if (_aliasNodes > options.MaxAliasExpansionNodes)
        {
            throw Error(alias, $"YAML aliases expand to more than {options.MaxAliasExpansionNodes} nodes (a \"billion laughs\" pattern?); "
                + "remove the nested aliases or raise ManifestReaderOptions.MaxAliasExpansionNodes");
        }
        return anchored.Node?.DeepClone();
    }

    private JsonNode? Remember(AnchorName anchor, JsonNode? node, int count)
    {
        if (!anchor.IsEmpty)
            _anchors[anchor.Value] = (node, count);
        return node;
    }

    private void CheckDepth(ParsingEvent at, int depth)
    {
        if (depth > options.MaxDepth)
            throw Error(at, $"nesting is deeper than {options.MaxDepth} levels; flatten the document or raise ManifestReaderOptions.MaxDepth");
    }

    // Field positions matter only for what validation reports on: top-level fields, metadata, and list items.
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

    private ManifestSyntaxException Error(ParsingEvent? at, string message)
    {
        var position = at is null ? lines.Start : PositionOf(at);
        return new ManifestSyntaxException(position.Line, position.Column, message);
    }
}
