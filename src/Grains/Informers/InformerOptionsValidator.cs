using Microsoft.Extensions.Options;

namespace GitOps.Grains.Informers;

/// <summary>Checks <see cref="InformerOptions"/> at start-up; each failure names the setting and says what is allowed.</summary>
public sealed class InformerOptionsValidator : IValidateOptions<InformerOptions>
{
    public ValidateOptionsResult Validate(string? name, InformerOptions options)
    {
        var failures = new List<string>();
        if (options.BatchSize is < 1 or > 100_000)
            failures.Add(Message(nameof(options.BatchSize), options.BatchSize, "must be between 1 and 100000"));
        if (options.ListPageSize is < 1 or > 100_000)
            failures.Add(Message(nameof(options.ListPageSize), options.ListPageSize, "must be between 1 and 100000"));
        if (options.RetryBaseDelay <= TimeSpan.Zero)
            failures.Add(Message(nameof(options.RetryBaseDelay), options.RetryBaseDelay, "must be a positive duration such as 00:00:00.200"));
        if (options.RetryMaxDelay < options.RetryBaseDelay)
            failures.Add(Message(nameof(options.RetryMaxDelay), options.RetryMaxDelay, $"must be at least RetryBaseDelay ({options.RetryBaseDelay})"));
        if (options.ConsistentReadTimeout <= TimeSpan.Zero)
            failures.Add(Message(nameof(options.ConsistentReadTimeout), options.ConsistentReadTimeout, "must be a positive duration such as 00:00:30"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Message(string setting, object value, string rule) =>
        $"{InformerOptions.SectionName}:{setting} is {value}; it {rule}.";
}
