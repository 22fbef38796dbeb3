using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads;

/// <summary>Workload controller grains are keyed <c>namespace/name</c> of the object they reconcile.</summary>
public static class WorkloadKeys
{
    public static string For(string @namespace, string name) => $"{@namespace}/{name}";

    public static ResourceKey Parse(string grainKey, ResourceType type)
    {
        var slash = grainKey.IndexOf('/');
        if (slash <= 0 || slash == grainKey.Length - 1)
            throw new FormatException($"Workload controller key '{grainKey}' is not of the form namespace/name.");
        return new ResourceKey(type.Group, type.Kind, grainKey[..slash], grainKey[(slash + 1)..]);
    }
}
