namespace GitOps.Grains.Controllers.GarbageCollection;

/// <summary>The finalizers and propagation policies of Kubernetes' cascading deletion.</summary>
public static class Finalizers
{
    /// <summary>The owner waits, deletionTimestamp set, until its blocking dependents are gone.</summary>
    public const string ForegroundDeletion = "foregroundDeletion";

    /// <summary>The owner waits until its dependents no longer reference it.</summary>
    public const string Orphan = "orphan";

    public const string PolicyBackground = "Background";
    public const string PolicyForeground = "Foreground";
    public const string PolicyOrphan = "Orphan";
}
