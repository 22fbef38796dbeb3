using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Store.Tests;

internal static class TestObjects
{
    public static readonly ResourceType PodType = new("", "Pod");

    public static KubeObject Pod(string ns, string name, IReadOnlyDictionary<string, string>? labels = null, string? nodeName = null, string? phase = null)
    {
        var pod = new KubeObject("v1", "Pod", ns, name);
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
            pod.Metadata.SetLabel(key, value);
        var spec = pod.EnsureSpec();
        spec["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "nginx" });
        if (nodeName is not null)
            spec["nodeName"] = nodeName;
        if (phase is not null)
            pod.EnsureStatus()["phase"] = phase;
        return pod;
    }

    public static KubeObject ConfigMap(string ns, string name, string data = "v")
    {
        var map = new KubeObject("v1", "ConfigMap", ns, name);
        map.Root["data"] = new JsonObject { ["key"] = data };
        return map;
    }

    public static KubeObject Deployment(string ns, string name) => new("apps/v1", "Deployment", ns, name);

    public static KubeObject Namespace(string name) => new("v1", "Namespace", null, name);

    public static KubeObject WithData(KubeObject obj, string value)
    {
        var copy = obj.DeepClone();
        copy.Root["data"] = new JsonObject { ["key"] = value };
        return copy;
    }

    public static Dictionary<string, string> Labels(params string[] pairs) =>
        pairs.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
}
