using Microsoft.Extensions.Options;

namespace GitOps.Grains.Hosting;

/// <summary>Checks <c>GitOps:Cluster</c> at start-up; each message names the setting and says what to do.</summary>
internal sealed class GrainClusterOptionsValidator : IValidateOptions<GrainClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainClusterOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
            failures.Add($"{GrainClusterOptions.SectionName}:ClusterId is empty: name the cluster (default \"{GrainClusterOptions.DefaultClusterId}\").");
        CheckPort(failures, "SiloPort", options.SiloPort);
        CheckPort(failures, "GatewayPort", options.GatewayPort);
        if (options.SiloPort == options.GatewayPort)
            failures.Add($"{GrainClusterOptions.SectionName}:SiloPort and GatewayPort are both {options.SiloPort}: give each its own port.");
        if (string.IsNullOrWhiteSpace(options.AdvertisedAddress))
            failures.Add($"{GrainClusterOptions.SectionName}:AdvertisedAddress is empty: set the address or host name other silos reach this one at, e.g. 127.0.0.1.");
        if (options.CollectionAge < TimeSpan.FromMinutes(1))
            failures.Add($"{GrainClusterOptions.SectionName}:CollectionAge is {options.CollectionAge}: use one minute or more.");
        if (options.ProbeTimeout <= TimeSpan.Zero)
            failures.Add($"{GrainClusterOptions.SectionName}:ProbeTimeout is {options.ProbeTimeout}: use a positive duration such as 00:00:02.");
        if (options.MissedProbesLimit < 1)
            failures.Add($"{GrainClusterOptions.SectionName}:MissedProbesLimit is {options.MissedProbesLimit}: use 1 or more.");
        if (options.MembershipRefreshPeriod <= TimeSpan.Zero)
            failures.Add($"{GrainClusterOptions.SectionName}:MembershipRefreshPeriod is {options.MembershipRefreshPeriod}: use a positive duration such as 00:00:05.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(List<string> failures, string setting, int port)
    {
        if (port is < 1 or > 65535)
            failures.Add($"{GrainClusterOptions.SectionName}:{setting} is {port}: use a TCP port between 1 and 65535.");
    }
}
