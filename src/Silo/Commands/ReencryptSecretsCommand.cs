using GitOps.Silo.Hosting;
using GitOps.Store;
using GitOps.Store.Encryption;
using GitOps.Store.PostgreSql;

namespace GitOps.Silo.Commands;

/// <summary>
/// <c>GitOps.Silo reencrypt-secrets [settings]</c>: rewrites every stored Secret under the first key of
/// the key file, reading the same settings as the silo (appsettings.json, environment,
/// <c>--ConnectionStrings:GitOps=...</c>, <c>--GitOps:Encryption:KeyFile=...</c>). Runs beside live silos.
/// </summary>
internal static class ReencryptSecretsCommand
{
    public const string Name = "reencrypt-secrets";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var configuration = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory }).Configuration;
        var connectionString = configuration.GetConnectionString(SiloOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync($"{Name}: no database: set ConnectionStrings:{SiloOptions.ConnectionStringName} (or ConnectionStrings__GitOps) as for the silo.");
            return 2;
        }
        var keyFile = (configuration.GetSection(EncryptionOptions.SectionName).Get<EncryptionOptions>() ?? new EncryptionOptions()).KeyFileOrDefault;
        try
        {
            var encryption = EncryptionKeyFile.Load(keyFile);
            var result = await PostgreSqlSecretRewriter.RewriteAsync(connectionString, encryption, cancellationToken);
            var under = encryption.WriteKey is { } key ? $"key '{key.Name}' of {keyFile}" : $"no key (in clear: the first provider of {keyFile} is identity)";
            Console.WriteLine($"{Name}: rewrote {result.ObjectsRewritten} Secrets and {result.ChangesRewritten} change-log entries under {under}; {result.AlreadyCurrent} Secrets already were.");
            if (result.StillChanging.Count == 0)
                return 0;
            await Console.Error.WriteLineAsync(
                $"{Name}: {result.StillChanging.Count} Secrets kept changing while being rewritten ({string.Join(", ", result.StillChanging.Take(10))}): " +
                "a silo still writes them under another key. Restart every silo with this key file, then run the command again.");
            return 1;
        }
        catch (Exception e) when (e is SecretDecryptionException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"{Name}: {e.Message}");
            return 1;
        }
    }
}
