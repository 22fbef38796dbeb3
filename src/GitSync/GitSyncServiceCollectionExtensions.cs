using GitOps.Grains.Resources;
using GitOps.GitSync.Api;
using GitOps.GitSync.Drift;
using GitOps.GitSync.Git;
using GitOps.GitSync.Hosting;
using GitOps.Grains.Informers;
using GitOps.GitSync.Manifests;
using GitOps.GitSync.Options;
using GitOps.GitSync.Sources;
using GitOps.GitSync.Status;
using GitOps.GitSync.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.GitSync;

public static class GitSyncServiceCollectionExtensions
{
    /// <summary>
    /// Adds GitSync: the <c>GitOps</c> options (validated at start), the sync services, the answer to
    /// the resource grains' question whether a source heals drift (<see cref="IGitSourceHealing"/>,
    /// replacing the grain runtime's default whichever is added first), and the hosted services that start the sources and
    /// follow the change log. Needs the grain runtime and a resource store; Orleans finds GitSync's grains in this assembly.
    /// </summary>
    public static IServiceCollection AddGitSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GitOpsOptions>().Bind(configuration.GetSection(GitOpsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GitOpsOptions>, GitOpsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new GitCli(sp.GetRequiredService<ILogger<GitCli>>()));
        services.TryAddSingleton<SourceCatalog>();
        services.TryAddSingleton<SourceWorkspaces>();
        services.TryAddSingleton<ManifestLoader>();
        services.TryAddSingleton<ManagedObjectIndex>();
        services.TryAddSingleton<ClusterSummary>();
        services.TryAddSingleton<StatusDocumentCache>();
        services.TryAddSingleton<DriftDetector>();
        services.TryAddSingleton<ObjectApplier>();
        services.TryAddSingleton<SourceSyncer>();
        services.TryAddSingleton<SyncSlots>();
        services.TryAddSingleton<SyncRunner>();
        services.TryAddSingleton<DiffPreviewer>();
        services.TryAddSingleton<SourceManager>();
        services.TryAddSingleton<WebhookHandler>();
        services.Replace(ServiceDescriptor.Singleton<IGitSourceHealing, SourceSelfHeal>());
        services.AddHostedService<SourceBootstrapper>();
        services.AddSharedInformers(configuration);
        services.AddHostedService<ChangeFeedListener>();
        return services;
    }

    /// <summary>
    /// With PostgreSQL: imports, once, the sources added through the API under the grain runtime the
    /// project ran on before Orleans (see <see cref="LegacySourceImport"/>).
    /// </summary>
    public static IServiceCollection AddLegacySourceImport(this IServiceCollection services, string connectionString) =>
        services.AddHostedService(sp => new LegacySourceImport(
            connectionString, sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<ILogger<LegacySourceImport>>()));
}
