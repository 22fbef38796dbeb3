using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Hosting;

/// <summary>Checks the gateway settings at start-up, naming the setting at fault.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        Positive(failures, nameof(GatewayOptions.MaxRequestBodyBytes), options.MaxRequestBodyBytes);
        Positive(failures, nameof(GatewayOptions.WatchCacheCapacity), options.WatchCacheCapacity);
        Positive(failures, nameof(GatewayOptions.WatcherBufferSize), options.WatcherBufferSize);
        Positive(failures, nameof(GatewayOptions.ChangeReadBatchSize), options.ChangeReadBatchSize);
        Positive(failures, nameof(GatewayOptions.BookmarkIntervalSeconds), options.BookmarkIntervalSeconds);
        Positive(failures, nameof(GatewayOptions.MaxWatchTimeoutSeconds), options.MaxWatchTimeoutSeconds);
        Positive(failures, nameof(GatewayOptions.WatchCacheMaxBytes), options.WatchCacheMaxBytes);
        Positive(failures, nameof(GatewayOptions.WatchCacheWindowSeconds), options.WatchCacheWindowSeconds);
        Positive(failures, nameof(GatewayOptions.MaxWatchers), options.MaxWatchers);
        Positive(failures, nameof(GatewayOptions.MaxRequestsInFlight), options.MaxRequestsInFlight);
        Positive(failures, nameof(GatewayOptions.MaxMutatingRequestsInFlight), options.MaxMutatingRequestsInFlight);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string setting, long value)
    {
        if (value <= 0)
            failures.Add($"{GatewayOptions.SectionName}:{setting} must be greater than zero (it is {value}).");
    }
}
