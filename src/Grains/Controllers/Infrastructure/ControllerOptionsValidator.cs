using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>Checks <see cref="ControllerOptions"/> at start-up; each failure names the setting and says what is allowed.</summary>
public sealed class ControllerOptionsValidator : IValidateOptions<ControllerOptions>
{
    public ValidateOptionsResult Validate(string? name, ControllerOptions options)
    {
        var failures = new List<string>();
        RequirePositive(failures, nameof(options.ResyncPeriod), options.ResyncPeriod);
        RequirePositive(failures, nameof(options.RetryBaseDelay), options.RetryBaseDelay);
        RequirePositive(failures, nameof(options.NodeGracePeriod), options.NodeGracePeriod);
        RequirePositive(failures, nameof(options.NodeMonitorPeriod), options.NodeMonitorPeriod);
        RequirePositive(failures, nameof(options.EventTtl), options.EventTtl);
        if (options.PodEvictionTimeout < TimeSpan.Zero)
            failures.Add(Message(nameof(options.PodEvictionTimeout), options.PodEvictionTimeout, "must not be negative"));
        if (options.RetryMaxDelay < options.RetryBaseDelay)
            failures.Add(Message(nameof(options.RetryMaxDelay), options.RetryMaxDelay, $"must be at least RetryBaseDelay ({options.RetryBaseDelay})"));
        if (options.NodeMonitorPeriod > options.NodeGracePeriod)
            failures.Add(Message(nameof(options.NodeMonitorPeriod), options.NodeMonitorPeriod, $"must not exceed NodeGracePeriod ({options.NodeGracePeriod})"));
        if (options.SchedulerBatchSize is < 1 or > 100_000)
            failures.Add(Message(nameof(options.SchedulerBatchSize), options.SchedulerBatchSize, "must be between 1 and 100000"));
        if (options.SchedulerPercentageOfNodesToScore is < 0 or > 100)
            failures.Add(Message(nameof(options.SchedulerPercentageOfNodesToScore), options.SchedulerPercentageOfNodesToScore, "must be between 0 (adaptive) and 100"));
        if (options.EventQueueCapacity < 1)
            failures.Add(Message(nameof(options.EventQueueCapacity), options.EventQueueCapacity, "must be at least 1"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            failures.Add(Message(setting, value, "must be a positive duration such as 00:00:30"));
    }

    private static string Message(string setting, object value, string rule) =>
        $"{ControllerOptions.SectionName}:{setting} is {value}; it {rule}.";
}
