using Microsoft.Extensions.Options;

namespace GitOps.Store.Compaction;

internal sealed class ResourceLogCompactionOptionsValidator : IValidateOptions<ResourceLogCompactionOptions>
{
    public ValidateOptionsResult Validate(string? name, ResourceLogCompactionOptions options)
    {
        var failures = new List<string>();
        if (options.Interval < TimeSpan.FromMilliseconds(10) || options.Interval > TimeSpan.FromDays(1))
            failures.Add($"{ResourceLogCompactionOptions.SectionName}:Interval is {options.Interval}; set it between 10 ms and 1 day.");
        if (options.Retention < TimeSpan.Zero)
            failures.Add($"{ResourceLogCompactionOptions.SectionName}:Retention is {options.Retention}; set it to zero or more.");
        if (options.KeepLatest < 0)
            failures.Add($"{ResourceLogCompactionOptions.SectionName}:KeepLatest is {options.KeepLatest}; set it to zero or more.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
