using GitOps.Store.Compaction;
using GitOps.Store.Encryption;
using GitOps.Store.Memory;
using GitOps.Store.Migrations;
using GitOps.Store.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GitOps.Store;

public static class ResourceStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the in-process resource store (the embedded default; state ends with the process)
    /// and the change-log compactor (<see cref="ResourceLogCompactionOptions"/>).
    /// </summary>
    public static IServiceCollection AddMemoryResourceStore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IResourceStore>(sp => new MemoryResourceStore(sp.GetRequiredService<TimeProvider>()));
        return services.AddResourceLogCompaction();
    }

    /// <summary>
    /// Registers the PostgreSQL resource store. The database must hold the schema of
    /// db/002_resources.sql (the silo's migration runner applies it at start-up). The options are
    /// validated here, so a bad setting stops start-up with a message that names it. Also registers
    /// the change-log compactor (<see cref="ResourceLogCompactionOptions"/>). With
    /// <paramref name="encryptionKeyFile"/>, Secrets are encrypted at rest under the keys of that file
    /// (<see cref="EncryptionKeyFile"/>), which the store creates with a new key when it does not exist.
    /// </summary>
    public static IServiceCollection AddPostgreSqlResourceStore(
        this IServiceCollection services,
        string connectionString,
        Action<PostgreSqlResourceStoreOptions>? configure = null,
        string? encryptionKeyFile = null)
    {
        var options = new PostgreSqlResourceStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<PostgreSqlResourceStore>(sp =>
        {
            ILogger<PostgreSqlResourceStore> logger = sp.GetService<ILogger<PostgreSqlResourceStore>>() ?? NullLogger<PostgreSqlResourceStore>.Instance;
            return new PostgreSqlResourceStore(options, logger, encryptionKeyFile is null ? null : LoadKeys(encryptionKeyFile, logger));
        });
        services.AddSingleton<IResourceStore>(sp => sp.GetRequiredService<PostgreSqlResourceStore>());
        return services.AddResourceLogCompaction();
    }

    private static SecretEncryption LoadKeys(string keyFile, ILogger logger)
    {
        var (encryption, created) = EncryptionKeyFile.LoadOrCreate(keyFile);
        if (created)
            PostgreSqlStoreLog.KeyFileCreated(logger, keyFile);
        PostgreSqlStoreLog.SecretsEncrypted(logger, encryption.WriteKey?.Name ?? "none (identity: in clear)", keyFile);
        return encryption;
    }

    /// <summary>
    /// Applies the migrations of db/ (the store's and Orleans' tables) when the host starts, once per
    /// database however many silos start at once. Call it before the grain runtime is added, so the
    /// tables exist when the silo joins its cluster.
    /// </summary>
    public static IServiceCollection AddPostgreSqlMigrations(this IServiceCollection services, string connectionString)
    {
        services.AddHostedService(sp => new MigrationHostedService(connectionString, sp.GetRequiredService<ILogger<PostgreSqlMigrator>>()));
        return services;
    }

    /// <summary>
    /// The hosted service that compacts the change log on an interval. Configure it with
    /// <c>services.Configure&lt;ResourceLogCompactionOptions&gt;(configuration.GetSection(ResourceLogCompactionOptions.SectionName))</c>.
    /// </summary>
    private static IServiceCollection AddResourceLogCompaction(this IServiceCollection services)
    {
        services.AddOptions<ResourceLogCompactionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResourceLogCompactionOptions>, ResourceLogCompactionOptionsValidator>());
        services.AddHostedService<ResourceLogCompactor>();
        return services;
    }
}
