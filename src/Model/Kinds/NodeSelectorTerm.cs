using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>A node selector term: all its expressions must match (terms themselves are ORed). matchFields supports metadata.name.</summary>
public sealed record NodeSelectorTerm(IReadOnlyList<NodeSelectorRequirement> MatchExpressions, IReadOnlyList<NodeSelectorRequirement> MatchFields)
{
    public static NodeSelectorTerm FromJson(JsonObject node) => new(
        node.GetObjects("matchExpressions").Select(NodeSelectorRequirement.FromJson).ToArray(),
        node.GetObjects("matchFields").Select(NodeSelectorRequirement.FromJson).ToArray());

    public JsonObject ToJson()
    {
        var node = new JsonObject();
        node.SetObjects("matchExpressions", MatchExpressions.Select(e => e.ToJson()));
        node.SetObjects("matchFields", MatchFields.Select(e => e.ToJson()));
        return node;
    }

    /// <summary>True when the node's labels (and name, for matchFields) satisfy every requirement. An empty term matches nothing, as in Kubernetes.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> nodeLabels, string nodeName)
    {
        if (MatchExpressions.Count == 0 && MatchFields.Count == 0)
            return false;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["metadata.name"] = nodeName };
        return MatchExpressions.All(e => e.Matches(nodeLabels)) && MatchFields.All(f => f.Matches(fields));
    }
}
