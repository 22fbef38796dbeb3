using GitOps.GitSync;
using GitOps.GitSync.Drift;
using GitOps.GitSync.Options;
using GitOps.GitSync.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Orleans;

namespace GitOps.Gateway.Tests.Infrastructure;

/// <summary>
/// GitSync's own <see cref="ManagedObjectGuard"/> over a source catalog with two configured
/// sources: "healing" (self-heal on) and "manual" (self-heal off). Objects carrying the GitOps
/// source label of one of them are Git-managed; no sync loop runs.
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
        services.AddSingleton<IManagedObjectGuard>(sp => new ManagedObjectGuard(new SourceCatalog(Options.Create(options), sp.GetRequiredService<IGrainFactory>())));
    }
}
