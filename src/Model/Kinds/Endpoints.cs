using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over Endpoints (subsets live at the top level, not under spec).</summary>
public sealed class Endpoints(KubeObject obj) : ObjectView(obj)
{
    public const string ApiVersion = "v1";
    public const string Kind = "Endpoints";

    public static Endpoints Create(string @namespace, string name) => new(NewObject(ApiVersion, Kind, @namespace, name));

    public IReadOnlyList<EndpointSubset> Subsets
    {
        get => Object.Root.GetObjects("subsets").Select(EndpointSubset.FromJson).ToArray();
        set => Object.Root.SetObjects("subsets", value.Select(s => s.ToJson()));
    }
}
