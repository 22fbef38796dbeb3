using System.Net;
using GitOps.Grains.Cluster;
using GitOps.Grains.Resources;
using GitOps.Store;
using GitOps.Store.Encryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;

namespace GitOps.Grains.Hosting;

public static class GrainRuntimeHostingExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql, Orleans' name for the PostgreSQL provider.</summary>
    public const string PostgreSqlInvariant = "Npgsql";

    /// <summary>Orleans' service id: every GitOps cluster stores its grains under it.</summary>
    public const string ServiceId = "gitops";

    /// <summary>
    /// The resource store and the grain runtime on one storage: with a connection string, the
    /// migrations of db/, the PostgreSQL store (Secrets encrypted at rest under the key file of
    /// <c>GitOps:Encryption:KeyFile</c>, see <see cref="EncryptionOptions"/>) and Orleans' ADO.NET
    /// providers on that database; without, the memory store and Orleans' embedded defaults (see <see cref="AddGrainRuntime"/>).
    /// </summary>
    public static IHostApplicationBuilder AddStoreAndGrainRuntime(
        this IHostApplicationBuilder builder,
        string? postgreSqlConnectionString,
        Action<GrainClusterOptions>? configure = null)
    {
        if (string.IsNullOrEmpty(postgreSqlConnectionString))
        {
            builder.Services.AddMemoryResourceStore();
        }
        else
        {
            builder.Services.AddPostgreSqlMigrations(postgreSqlConnectionString);
            var encryption = builder.Configuration.GetSection(EncryptionOptions.SectionName).Get<EncryptionOptions>() ?? new EncryptionOptions();
            builder.Services.AddPostgreSqlResourceStore(postgreSqlConnectionString, encryptionKeyFile: encryption.KeyFileOrDefault);
        }
        return builder.AddGrainRuntime(postgreSqlConnectionString, configure);
    }

    /// <summary>
    /// Hosts an Orleans silo in this process. Without a connection string: localhost clustering,
    /// memory grain storage and in-memory reminders (the embedded default; state ends with the
    /// process). With one: ADO.NET clustering, grain storage and reminders on that PostgreSQL
    /// database, whose tables the migrations of db/ create; every silo on it with the same
    /// cluster id joins one cluster. Call after the migrations are added, so they run first.
    /// Registers the clock (<see cref="TimeProvider.System"/>) unless one is, and the default
    /// <see cref="IGitSourceHealing"/> (every source heals) that GitSync replaces.
    /// </summary>
    public static IHostApplicationBuilder AddGrainRuntime(
        this IHostApplicationBuilder builder,
        string? postgreSqlConnectionString,
        Action<GrainClusterOptions>? configure = null)
    {
        var cluster = new GrainClusterOptions();
        builder.Configuration.GetSection(GrainClusterOptions.SectionName).Bind(cluster);
        configure?.Invoke(cluster);
        var validation = new GrainClusterOptionsValidator().Validate(null, cluster);
        if (validation.Failed)
            throw new OptionsValidationException(GrainClusterOptions.SectionName, typeof(GrainClusterOptions), validation.Failures);
        builder.Services.AddSingleton(Options.Create(cluster));
        builder.Services.AddSingleton<ClusterLeader>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // GitSync replaces this with the answer of its sources' self-heal settings.
        builder.Services.TryAddSingleton<IGitSourceHealing, EveryGitSourceHeals>();

        // Poll and resync periods under Orleans' recommended minute are deliberate (a source may poll every
        // few seconds), so Orleans' start-up warning about them says nothing to act on.
        builder.Logging.AddFilter("Orleans.Hosting.ReminderOptionsValidator", LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = ServiceId;
            });
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = cluster.CollectionAge);
            silo.AddOutgoingGrainCallFilter<RetryRejectedCallsFilter>();
            silo.AddIncomingGrainCallFilter<StoreUnreachableCallFilter>();
            // The grain runtime serializes exceptions of the namespaces listed here as themselves; this
            // lets a ResourceStoreUnavailableException from a grain on another silo reach the gateway as
            // such (a 503), instead of failing to serialize.
            silo.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("GitOps"));
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = cluster.ProbeTimeout;
                o.NumMissedProbesLimit = cluster.MissedProbesLimit;
                o.TableRefreshTimeout = cluster.MembershipRefreshPeriod;
            });
            if (string.IsNullOrEmpty(postgreSqlConnectionString))
                UseMemory(silo, cluster);
            else
                UsePostgreSql(silo, cluster, postgreSqlConnectionString);
        });
        return builder;
    }

    private static IPAddress ResolveAdvertisedAddress(string address)
    {
        if (IPAddress.TryParse(address, out var ip))
            return ip;
        try
        {
            var addresses = Dns.GetHostAddresses(address);
            return addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses.First();
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new OptionsValidationException(GrainClusterOptions.SectionName, typeof(GrainClusterOptions),
                [$"{GrainClusterOptions.SectionName}:AdvertisedAddress \"{address}\" does not resolve to an address ({e.Message}): set an IP address or a resolvable host name."]);
        }
    }

    private static void UseMemory(ISiloBuilder silo, GrainClusterOptions cluster)
    {
        silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: ServiceId, clusterId: cluster.ClusterId);
        silo.AddMemoryGrainStorageAsDefault();
        silo.UseInMemoryReminderService();
    }

    private static void UsePostgreSql(ISiloBuilder silo, GrainClusterOptions cluster, string connectionString)
    {
        silo.ConfigureEndpoints(ResolveAdvertisedAddress(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgreSqlInvariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorageAsDefault(storage => storage.Configure<IServiceProvider>((o, services) =>
        {
            o.Invariant = PostgreSqlInvariant;
            o.ConnectionString = connectionString;
            o.DeleteStateOnClear = true;
            // Orleans' own binary format, driven by the [GenerateSerializer]/[Id] contracts of the state types.
            o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services);
        }));
        TranslateUnreachableDefaultStorage(silo.Services);
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = PostgreSqlInvariant;
            o.ConnectionString = connectionString;
        });
    }

    // Orleans registers the default grain storage as a keyed singleton, which its silo lifecycle and the unkeyed
    // IGrainStorage both resolve: replacing that one registration wraps the storage for every user of it.
    private static void TranslateUnreachableDefaultStorage(IServiceCollection services)
    {
        const string name = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME;
        services.Remove(services.Single(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name)));
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => new StoreUnreachableGrainStorage(AdoNetGrainStorageFactory.Create(provider, name)));
    }
}
