using GitOps.Model.Objects;

namespace GitOps.GitSync.Planning;

public enum ApplyReason { Create, Update, RepairDrift }

/// <summary>One object to apply, with its place in the order.</summary>
public sealed record PlannedApply(LocatedObject Source, string DesiredHash, int Wave, int KindRank, ApplyReason Reason)
{
    public ResourceKey Key => Source.Key;
}
