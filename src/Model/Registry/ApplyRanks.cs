namespace GitOps.Model.Registry;

/// <summary>GitSync's apply steps within one sync wave: lower first, pruning in reverse.</summary>
public static class ApplyRanks
{
    /// <summary>Namespaces and definitions of kinds: what other objects live in.</summary>
    public const int Namespaces = 0;

    /// <summary>Configuration, accounts, RBAC, storage, quotas and policies.</summary>
    public const int Configuration = 1;

    public const int Services = 2;

    /// <summary>Pods and the controllers that make them.</summary>
    public const int Workloads = 3;

    /// <summary>Every other kind, custom resources included.</summary>
    public const int Others = 4;
}
