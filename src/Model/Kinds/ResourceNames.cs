namespace GitOps.Model.Kinds;

/// <summary>Names of resources in requests, limits, capacity and allocatable.</summary>
public static class ResourceNames
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string Pods = "pods";
    public const string EphemeralStorage = "ephemeral-storage";
}
