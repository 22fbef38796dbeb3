using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Model.Json;
using GitOps.Model.Objects;
using GitOps.Model.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Model.Manifests;

/// <summary>
/// Reads multi-document YAML (or a JSON file) into objects plus located errors. Never throws for bad input:
/// malformed YAML, invalid objects, oversized or too-deep documents and alias bombs all become <see cref="ManifestError"/>s,
/// and the file's other documents are still read.
/// </summary>
public static class ManifestReader
{
    private static readonly JsonDocumentOptions FastOptions = new() { AllowDuplicateProperties = false };

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowDuplicateProperties = false,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static ManifestReadResult Read(string text, string file, ManifestReaderOptions? options = null)
    {
        options ??= ManifestReaderOptions.Default;
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        var documents = new List<ManifestDocument>();
        var errors = new List<ManifestError>();
        var warnings = new List<ManifestError>();
        if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            ReadJson(text, file, options, documents, errors);
        else
            ReadYaml(text, file, options, documents, errors, warnings);
        return new ManifestReadResult(documents, errors) { Warnings = warnings };
    }

    private static void ReadYaml(
        string text, string file, ManifestReaderOptions options, List<ManifestDocument> documents, List<ManifestError> errors, List<ManifestError> warnings)
    {
        var index = 0;
        foreach (var chunk in YamlDocumentSplitter.Split(text))
        {
            if (!chunk.HasContent)
                continue;
            var documentIndex = index++;
            var bytes = Encoding.UTF8.GetByteCount(text.AsSpan(chunk.Start, chunk.End - chunk.Start));
            if (bytes > options.MaxDocumentBytes)
            {
                errors.Add(new ManifestError(file, chunk.FirstLine, 1,
                    $"document {documentIndex + 1} is {bytes} bytes, over the limit of {options.MaxDocumentBytes} bytes; "
                    + "split it into smaller documents or raise ManifestReaderOptions.MaxDocumentBytes", documentIndex));
                continue;
            }
            ReadYamlDocument(text.Substring(chunk.Start, chunk.End - chunk.Start), chunk.FirstLine - 1, file, documentIndex, options, documents, errors, warnings);
        }
    }

    private static void ReadYamlDocument(
        string text, int lineOffset, string file, int documentIndex, ManifestReaderOptions options,
        List<ManifestDocument> documents, List<ManifestError> errors, List<ManifestError> warnings)
    {
        var lines = new LineMap(text, lineOffset);
        var scanner = new Scanner(new StringReader(text));
        try
        {
            if (TryReadFast(new Parser(scanner), text.Length, lines, file, documentIndex, options, documents, errors))
                return;
            scanner = new Scanner(new StringReader(text));
            var parser = new Parser(scanner);
            parser.Consume<StreamStart>();
            while (parser.Current is DocumentStart)
            {
                parser.MoveNext();
                var builder = new YamlTreeBuilder(parser, options, lines);
                var rootEvent = parser.Current!;
                var rootPosition = builder.PositionOf(rootEvent);
                var root = builder.ReadNode(0, null);
                parser.Consume<DocumentEnd>();
                foreach (var (position, message) in builder.Warnings)
                    warnings.Add(new ManifestError(file, position.Line, position.Column, $"document {documentIndex + 1}: {message}", documentIndex));
                if (root is null)
                    continue;
                if (root is not JsonObject obj)
                {
                    errors.Add(NotAnObject(file, documentIndex, rootPosition, root is JsonArray ? "sequence" : "scalar"));
                    continue;
                }
                AddObject(obj, file, documentIndex, rootPosition, builder.Positions, options, documents, errors);
            }
        }
        catch (ManifestSyntaxException e)
        {
            errors.Add(new ManifestError(file, e.Line, e.Column, $"document {documentIndex + 1}: {e.Message}", documentIndex));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is null || e.InnerException.Message == e.Message ? e.Message : $"{e.Message} ({e.InnerException.Message})";
            var at = lines.At(e.Start);
            errors.Add(new ManifestError(file, at.Line, at.Column, $"document {documentIndex + 1} is not valid YAML: {StripMark(message)}", documentIndex));
        }
        catch (Exception e) when (YamlLibraryFault.IsFrom(e))
        {
            // YamlDotNet rejects some malformed input with an exception of another type than YamlException (an
            // InvalidOperationException from its scanner or parser state machine); it is still a syntax error of this document.
            var at = lines.At(scanner.CurrentPosition);
            errors.Add(new ManifestError(file, at.Line, at.Column,
                $"document {documentIndex + 1} is not valid YAML: the parser stopped here ({e.Message}); check the indentation, quotes and brackets around this line",
                documentIndex));
        }
    }

    // Streams a plain document (no anchors, aliases, tags, merge keys or duplicate keys) into UTF-8 JSON and parses that lazily.
    // Returns false, having added nothing, when the document needs the tree builder.
    private static bool TryReadFast(
        Parser parser, int textLength, LineMap lines, string file, int documentIndex, ManifestReaderOptions options,
        List<ManifestDocument> documents, List<ManifestError> errors)
    {
        parser.Consume<StreamStart>();
        if (parser.Current is not DocumentStart)
            return parser.Current is StreamEnd;
        parser.MoveNext();
        var writer = new YamlJsonWriter(parser, options, lines);
        var rootEvent = parser.Current!;
        var rootPosition = writer.PositionOf(rootEvent);
        if (rootEvent is not MappingStart)
            return false;
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, textLength));
        if (!writer.TryWrite(buffer))
            return false;
        parser.Consume<DocumentEnd>();
        if (parser.Current is not StreamEnd)
            return false;
        JsonObject root;
        try
        {
            root = (JsonObject)JsonNode.Parse(buffer.WrittenSpan, documentOptions: FastOptions with { MaxDepth = options.MaxDepth + 2 })!;
        }
        catch (JsonException)
        {
            return false;
        }
        AddObject(root, file, documentIndex, rootPosition, writer.Positions, options, documents, errors);
        return true;
    }

    private static ManifestError NotAnObject(string file, int documentIndex, SourcePosition position, string what) =>
        new(file, position.Line, position.Column,
            $"document {documentIndex + 1} is a {what}, not an object; a manifest must be a mapping with apiVersion, kind and metadata", documentIndex);

    private static void ReadJson(string text, string file, ManifestReaderOptions options, List<ManifestDocument> documents, List<ManifestError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return;
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > options.MaxDocumentBytes)
        {
            errors.Add(new ManifestError(file, 1, 1,
                $"the JSON document is {bytes} bytes, over the limit of {options.MaxDocumentBytes} bytes; split it or raise ManifestReaderOptions.MaxDocumentBytes", 0));
            return;
        }
        var parsed = JsonText.Parse(text, JsonOptions with { MaxDepth = options.MaxDepth });
        if (!parsed.IsValid)
        {
            errors.Add(new ManifestError(file, parsed.Line, parsed.Column, $"not valid JSON: {parsed.Problem}", 0));
            return;
        }
        var root = parsed.Node;
        var noPositions = new Dictionary<string, SourcePosition>();
        var start = new SourcePosition(1, 1);
        switch (root)
        {
            case JsonObject obj:
                AddObject(obj, file, 0, start, noPositions, options, documents, errors);
                break;
            case JsonArray array:
                var index = 0;
                foreach (var item in array)
                {
                    if (item is JsonObject itemObject)
                    {
                        array[index] = null;
                        AddObject(itemObject, file, index, start, noPositions, options, documents, errors);
                    }
                    else
                    {
                        errors.Add(new ManifestError(file, 1, 1, $"element {index} of the JSON array is not an object", index));
                    }
                    index++;
                }
                break;
            default:
                errors.Add(new ManifestError(file, 1, 1, "the JSON document is not an object; a manifest must be an object with apiVersion, kind and metadata", 0));
                break;
        }
    }

    private static void AddObject(
        JsonObject root, string file, int documentIndex, SourcePosition position, Dictionary<string, SourcePosition> positions,
        ManifestReaderOptions options, List<ManifestDocument> documents, List<ManifestError> errors)
    {
        var kind = root["kind"] is JsonValue k && k.TryGetValue<string>(out var kindText) ? kindText : "";
        if (kind.EndsWith("List", StringComparison.Ordinal) && root["items"] is JsonArray items)
        {
            var itemIndex = 0;
            foreach (var item in items.ToArray())
            {
                var itemPath = $"items[{itemIndex}]";
                var itemPosition = positions.GetValueOrDefault(itemPath, position);
                if (item is not JsonObject itemObject)
                {
                    errors.Add(new ManifestError(file, itemPosition.Line, itemPosition.Column,
                        $"{kind} item {itemIndex} is not an object", documentIndex));
                    itemIndex++;
                    continue;
                }
                items.Remove(itemObject);
                AddValidated(itemObject, file, documentIndex, itemPosition, positions, itemPath + ".", options, documents, errors);
                itemIndex++;
            }
            return;
        }
        AddValidated(root, file, documentIndex, position, positions, "", options, documents, errors);
    }

    private static void AddValidated(
        JsonObject root, string file, int documentIndex, SourcePosition position, Dictionary<string, SourcePosition> positions,
        string pathPrefix, ManifestReaderOptions options, List<ManifestDocument> documents, List<ManifestError> errors)
    {
        var obj = new KubeObject(root);
        if (options.Validate)
        {
            var problems = ObjectValidator.Validate(obj);
            if (problems.Count > 0)
            {
                var subject = Describe(obj, documentIndex);
                foreach (var problem in problems)
                {
                    var at = FieldPosition(problem, pathPrefix, positions, position);
                    errors.Add(new ManifestError(file, at.Line, at.Column, $"{subject}: {problem}", documentIndex));
                }
                return;
            }
        }
        documents.Add(new ManifestDocument(obj, file, position.Line, documentIndex));
    }

    private static string Describe(KubeObject obj, int documentIndex)
    {
        var kind = obj.Root["kind"] is JsonValue k && k.TryGetValue<string>(out var kindText) && kindText.Length > 0 ? kindText : null;
        var name = obj.Root["metadata"] is JsonObject m && m["name"] is JsonValue n && n.TryGetValue<string>(out var nameText) && nameText.Length > 0 ? nameText : null;
        return (kind, name) switch
        {
            (not null, not null) => $"{kind} {name}",
            (not null, null) => $"{kind} in document {documentIndex + 1}",
            _ when name is not null => $"object {name} in document {documentIndex + 1}",
            _ => $"document {documentIndex + 1}",
        };
    }

    // The position of the most specific recorded field the error is about, else the object's start.
    private static SourcePosition FieldPosition(FieldError error, string prefix, Dictionary<string, SourcePosition> positions, SourcePosition fallback)
    {
        var field = error.Field.Replace("[", ".").Replace("]", "");
        if (error.Value is not null && positions.TryGetValue(prefix + field + "." + error.Value, out var keyed))
            return keyed;
        while (field.Length > 0)
        {
            if (positions.TryGetValue(prefix + field, out var found))
                return found;
            var dot = field.LastIndexOf('.');
            field = dot < 0 ? "" : field[..dot];
        }
        return fallback;
    }

    private static string StripMark(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 10) - (Line: ...): "; the location is reported separately.
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0 ? message[(marker + 3)..] : message;
    }
}
