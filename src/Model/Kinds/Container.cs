using System.Text.Json.Nodes;
using GitOps.Model.Json;
using GitOps.Model.Quantities;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over one entry of <c>containers</c> or <c>initContainers</c>.</summary>
public sealed class Container(JsonObject node)
{
    public JsonObject Node { get; } = node;

    public string Name { get => Node.GetString("name") ?? ""; set => Node.SetString("name", value); }

    public string? Image { get => Node.GetString("image"); set => Node.SetString("image", value); }

    public string? ImagePullPolicy { get => Node.GetString("imagePullPolicy"); set => Node.SetString("imagePullPolicy", value); }

    public string? WorkingDir { get => Node.GetString("workingDir"); set => Node.SetString("workingDir", value); }

    public IReadOnlyList<string> Command { get => Node.GetStringList("command"); set => Node.SetStringList("command", value); }

    public IReadOnlyList<string> Args { get => Node.GetStringList("args"); set => Node.SetStringList("args", value); }

    public IReadOnlyList<EnvVar> Env
    {
        get => Node.GetObjects("env").Select(EnvVar.FromJson).ToArray();
        set => Node.SetObjects("env", value.Select(e => e.ToJson()));
    }

    public IReadOnlyList<ContainerPort> Ports
    {
        get => Node.GetObjects("ports").Select(ContainerPort.FromJson).ToArray();
        set => Node.SetObjects("ports", value.Select(p => p.ToJson()));
    }

    public IReadOnlyDictionary<string, Quantity> Requests => ResourceList.Read(Node.GetPath("resources", "requests"));

    public IReadOnlyDictionary<string, Quantity> Limits => ResourceList.Read(Node.GetPath("resources", "limits"));

    /// <summary>Requests as the scheduler counts them: requests, or limits where a request is absent (Kubernetes defaults requests to limits).</summary>
    public IReadOnlyDictionary<string, Quantity> EffectiveRequests
    {
        get
        {
            var result = new Dictionary<string, Quantity>(Limits, StringComparer.Ordinal);
            foreach (var (name, quantity) in Requests)
                result[name] = quantity;
            return result;
        }
    }

    public void SetRequests(IEnumerable<KeyValuePair<string, Quantity>> requests) => SetResources("requests", requests);

    public void SetLimits(IEnumerable<KeyValuePair<string, Quantity>> limits) => SetResources("limits", limits);

    public Probe? LivenessProbe => Node.GetObject("livenessProbe") is { } p ? new Probe(p) : null;

    public Probe? ReadinessProbe => Node.GetObject("readinessProbe") is { } p ? new Probe(p) : null;

    public Probe? StartupProbe => Node.GetObject("startupProbe") is { } p ? new Probe(p) : null;

    private void SetResources(string key, IEnumerable<KeyValuePair<string, Quantity>> values)
    {
        var list = ResourceList.ToJson(values);
        var resources = Node.EnsureObject("resources");
        if (list.Count == 0)
            resources.Remove(key);
        else
            resources[key] = list;
    }
}
