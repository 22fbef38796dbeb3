using Microsoft.Extensions.Options;

namespace GitOps.Runtime;

/// <summary>Rejects settings the runtime cannot work with, naming the setting and what to do.</summary>
public sealed class GrainRuntimeOptionsValidator : IValidateOptions<GrainRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainRuntimeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SiloId))
            failures.Add("GrainRuntimeOptions.SiloId must not be empty: set a stable id for this silo.");
        if (options.ShardCount is < 1 or > GrainRuntimeOptions.MaxShardCount)
            failures.Add($"GrainRuntimeOptions.ShardCount must be between 1 and {GrainRuntimeOptions.MaxShardCount} (was {options.ShardCount}).");
        if (options.CollectionAge <= TimeSpan.Zero)
            failures.Add($"GrainRuntimeOptions.CollectionAge must be positive (was {options.CollectionAge}).");
        if (options.CollectionInterval <= TimeSpan.Zero)
            failures.Add($"GrainRuntimeOptions.CollectionInterval must be positive (was {options.CollectionInterval}).");
        if (options.MinimumReminderPeriod < TimeSpan.FromMilliseconds(100))
            failures.Add($"GrainRuntimeOptions.MinimumReminderPeriod must be at least 100 ms (was {options.MinimumReminderPeriod}).");
        if (options.ShutdownTimeout <= TimeSpan.Zero)
            failures.Add($"GrainRuntimeOptions.ShutdownTimeout must be positive (was {options.ShutdownTimeout}).");
        if (options.WriteBatchMaxSize < 1)
            failures.Add($"GrainRuntimeOptions.WriteBatchMaxSize must be at least 1 (was {options.WriteBatchMaxSize}).");
        if (options.WriteBatchConcurrency < 1)
            failures.Add($"GrainRuntimeOptions.WriteBatchConcurrency must be at least 1 (was {options.WriteBatchConcurrency}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
