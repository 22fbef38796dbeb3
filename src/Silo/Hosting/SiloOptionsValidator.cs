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
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
