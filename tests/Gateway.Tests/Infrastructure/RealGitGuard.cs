using System.Text.Json.Nodes;
using GitOps.GitSync.Drift;
using GitOps.GitSync.Options;
using GitOps.GitSync.Sources;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

using Orleans;

namespace GitOps.Gateway.Tests.Infrastructure;

/// <summary>
/// GitSync's own answer to "does this source heal?" (<see cref="SourceSelfHeal"/>) over a source
/// catalog with two configured sources: "healing" (self-heal on) and "manual" (self-heal off). No
/// sync loop runs: <see cref="ApplyFromGitAsync"/> writes an object as a sync run of one of them
/// does, so the gitops field manager owns the fields it declares.
/// </summary>
public static class RealGitGuard
{
    public const string Repository = "https://git.example/platform.git";

    public static void Register(IServiceCollection services)
    {
        var options = new GitOpsOptions
        {
            Sources =
            [
                new GitSourceOptions { Name = "healing", Url = Repository, SelfHeal = true },
                new GitSourceOptions { Name = "manual", Url = Repository, SelfHeal = false },
            ],
        };
        services.Replace(ServiceDescriptor.Singleton<IGitSourceHealing>(sp =>
            new SourceSelfHeal(new SourceCatalog(Options.Create(options), sp.GetRequiredService<IGrainFactory>()))));
    }

    /// <summary>Applies <paramref name="obj"/> as run 1 of Git source <paramref name="source"/>, from <paramref name="path"/> at <paramref name="commit"/>.</summary>
    public static async Task<KubeObject> ApplyFromGitAsync(IGrainFactory grains, JsonObject obj, string source, string path, string commit)
    {
        var desired = new KubeObject((JsonObject)obj.DeepClone());
        var result = await grains.GetGrain<IResourceGrain>(ResourceKey.Of(desired).ToString())
            .ApplyDesiredAsync(new DesiredObject(desired, source, Repository, path, commit, 1), CancellationToken.None);
        Assert.Equal(ResourceOutcome.Created, result.Outcome);
        return result.Object!;
    }
}
