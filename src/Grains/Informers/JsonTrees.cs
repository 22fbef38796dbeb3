using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Grains.Informers;

/// <summary>
/// Walks an object's JSON tree once so every node is built: a parsed tree builds its nodes lazily on first
/// read, which races when threads read a shared object concurrently. The follower does this before sharing.
/// </summary>
internal static class JsonTrees
{
    public static void Materialize(KubeObject obj) => Materialize(obj.Root);

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                    Materialize(child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    Materialize(child);
                break;
        }
    }
}
