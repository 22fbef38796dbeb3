using GitOps.Gateway.Errors;
using GitOps.Gateway.Logging;
using GitOps.GitSync;
using GitOps.Model.Objects;
using Microsoft.Extensions.Logging;

namespace GitOps.Gateway.Resources;

/// <summary>
/// Refuses writes to objects a Git source manages with self-heal on (the source would revert
/// them), naming the repository, file and commit to edit instead. Without a registered
/// <see cref="IManagedObjectGuard"/> every write is allowed.
/// </summary>
internal sealed class ManagedObjectCheck(IManagedObjectGuard? guard, ILogger<ManagedObjectCheck> logger)
{
    public async Task<KubeStatus?> RefusalAsync(string verb, ResourceTarget target, KubeObject stored, CancellationToken cancellationToken)
    {
        if (guard is null || await guard.FindManagerAsync(stored, cancellationToken) is not { SelfHeal: true } manager)
            return null;
        GatewayLog.RefusedGitManagedWrite(logger, verb, target.Resource.Kind, target.Namespace ?? "", target.Name ?? "", manager.Source, manager.Path, manager.Commit);
        return KubeStatus.Forbidden(target.Resource, target.Name ?? "",
            $"it is managed by Git source \"{manager.Source}\" with self-heal on, so this {verb} would be reverted; " +
            $"edit {manager.Path} in {manager.Repository} (last applied from commit {manager.Commit}) and push instead");
    }
}
