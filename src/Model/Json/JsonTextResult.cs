using System.Text.Json.Nodes;

namespace GitOps.Model.Json;

/// <summary>What <see cref="JsonText.Parse(ReadOnlySpan{byte}, System.Text.Json.JsonDocumentOptions)"/> found: the node, or a located problem.</summary>
public sealed record JsonTextResult(JsonNode? Node, int Line, int Column, string? Problem)
{
    public bool IsValid => Problem is null;

    public static JsonTextResult Valid(JsonNode? node) => new(node, 0, 0, null);

    public static JsonTextResult Invalid(int line, int column, string problem) => new(null, line, column, problem);
}
