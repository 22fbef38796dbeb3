using Microsoft.Extensions.Options;

namespace GitOps.Silo.Hosting;

/// <summary>Checks the silo's settings at start-up; each message names the setting and says what to do.</summary>
internal sealed class SiloOptionsValidator(IConfiguration configuration) : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        if (options.SimulatedNodes < 0)
            failures.Add($"GitOps:SimulatedNodes is {options.SimulatedNodes}: use 0 (no in-process fleet) or a positive number of nodes.");
        if (options.Storage.Provider == StorageProvider.PostgreSql
            && string.IsNullOrWhiteSpace(configuration.GetConnectionString(SiloOptions.ConnectionStringName)))
        {
            failures.Add("GitOps:Storage:Provider is PostgreSql but ConnectionStrings:GitOps is empty: set it, e.g. " +
                         "ConnectionStrings__GitOps=\"Host=127.0.0.1;Username=gitops;Password=...;Database=gitops\".");
        }
        if (options.Storage.Provider == StorageProvider.Memory
            && !string.IsNullOrWhiteSpace(configuration.GetConnectionString(SiloOptions.ConnectionStringName)))
        {
            // Silently keeping everything in memory would lose it all at the next restart.
            failures.Add("ConnectionStrings:GitOps is set but GitOps:Storage:Provider is Memory, which would keep nothing across a restart: " +
                         "set GitOps__Storage__Provider=PostgreSql to store in that database, or clear the connection string for the embedded in-memory default.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
