using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using GitOps.Gateway.Auth.Rbac;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Auth.Nodes;

/// <summary>
/// The Secrets, ConfigMaps and PersistentVolumeClaims a pod uses (volumes, projected volumes, env and envFrom of
/// every container, image pull secrets): what the node running it may read, as in the Node authorizer's graph.
/// </summary>
internal static class PodReferences
{
    public const string Secret = "secrets";

    public const string ConfigMap = "configmaps";

    public const string Claim = "persistentvolumeclaims";

    // Informer objects are shared and never change, so each pod is read once.
    private static readonly ConditionalWeakTable<KubeObject, HashSet<(string Resource, string Name)>> Parsed = new();

    public static bool Uses(KubeObject pod, string resource, string name) => Parsed.GetValue(pod, Read).Contains((resource, name));

    private static HashSet<(string, string)> Read(KubeObject pod)
    {
        var found = new HashSet<(string, string)>();
        var spec = pod.Spec;
        if (spec is null)
            return found;
        foreach (var secret in Objects(spec["imagePullSecrets"]))
            Add(found, Secret, secret["name"]);
        foreach (var volume in Objects(spec["volumes"]))
        {
            Add(found, Secret, volume["secret"]?["secretName"]);
            Add(found, ConfigMap, volume["configMap"]?["name"]);
            Add(found, Claim, volume["persistentVolumeClaim"]?["claimName"]);
            foreach (var source in Objects(volume["projected"]?["sources"]))
            {
                Add(found, Secret, source["secret"]?["name"]);
                Add(found, ConfigMap, source["configMap"]?["name"]);
            }
        }
        foreach (var list in (string[])["containers", "initContainers", "ephemeralContainers"])
        {
            foreach (var container in Objects(spec[list]))
            {
                foreach (var env in Objects(container["env"]))
                {
                    Add(found, Secret, env["valueFrom"]?["secretKeyRef"]?["name"]);
                    Add(found, ConfigMap, env["valueFrom"]?["configMapKeyRef"]?["name"]);
                }
                foreach (var from in Objects(container["envFrom"]))
                {
                    Add(found, Secret, from["secretRef"]?["name"]);
                    Add(found, ConfigMap, from["configMapRef"]?["name"]);
                }
            }
        }
        return found;
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node is JsonArray array ? array.OfType<JsonObject>() : [];

    private static void Add(HashSet<(string, string)> found, string resource, JsonNode? name)
    {
        if (JsonStrings.Of(name) is { Length: > 0 } text)
            found.Add((resource, text));
    }
}
