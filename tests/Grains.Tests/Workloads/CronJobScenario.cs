using System.Text.Json.Nodes;
using GitOps.Grains.Controllers.Workloads;
using GitOps.Grains.Controllers.Workloads.CronJobs;
using GitOps.Grains.Resources;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Grains.Tests.Workloads;

/// <summary>
/// The controllers as the silo runs them, with a clock the test sets: a CronJob is created through its
/// resource grain, the clock is moved to a schedule time and the CronJob's controller woken, as its
/// requeue timer would wake it then, and the test looks at the Jobs, status and Events that result.
/// </summary>
internal sealed class CronJobScenario(ControllerTestHost host, CronJobTestClock clock) : IAsyncDisposable
{
    private const int WriteAttempts = 10;

    public ControllerTestHost Host { get; } = host;

    public CronJobTestClock Clock { get; } = clock;

    public static async Task<CronJobScenario> StartAsync(string? postgres = null)
    {
        var clock = new CronJobTestClock(DateTimeOffset.UtcNow);
        var host = await ControllerTestHost.StartAsync(postgres: postgres, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        return new CronJobScenario(host, clock);
    }

    /// <summary>The first whole minute strictly after the stored CronJob's creation: the first run of "* * * * *".</summary>
    public static DateTimeOffset FirstMinuteAfter(KubeObject stored)
    {
        var created = stored.Metadata.CreationTimestamp!.Value.UtcTicks;
        return new DateTimeOffset(created - created % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);
    }

    /// <summary>Sets the clock and wakes the CronJob's controller, as its requeue timer would at that time.</summary>
    public async Task AdvanceToAsync(DateTimeOffset now, string name = CronJobObjects.Name)
    {
        Clock.Set(now);
        await Host.Grains.GetGrain<ICronJobControllerGrain>(WorkloadKeys.For("default", name)).NotifyAsync(long.MaxValue, CancellationToken.None);
    }

    public async Task<KubeObject> CronJobAsync(string name = CronJobObjects.Name) =>
        (await Host.GetAsync(new ResourceKey("batch", "CronJob", "default", name)))!;

    public async Task<IReadOnlyList<KubeObject>> JobsAsync() =>
        (await Host.ListAsync("batch", "Job")).OrderBy(j => j.Metadata.Name, StringComparer.Ordinal).ToArray();

    public async Task<IReadOnlyList<string>> JobNamesAsync() => (await JobsAsync()).Select(j => j.Metadata.Name ?? "").ToArray();

    /// <summary>The Events recorded about the CronJob with this reason.</summary>
    public async Task<IReadOnlyList<Event>> EventsAsync(string reason, string name = CronJobObjects.Name) =>
        (await Host.ListAsync("", Event.Kind))
            .Where(e => e.Root.GetPath("involvedObject")?.GetString("name") == name && e.Root.GetString("reason") == reason)
            .Select(e => new Event(e))
            .ToArray();

    /// <summary>Waits for <paramref name="count"/> Events about the CronJob with this reason.</summary>
    public Task<IReadOnlyList<Event>> EventuallyEventsAsync(string reason, int count = 1) =>
        ControllerTestHost.EventuallyAsync(() => EventsAsync(reason), e => e.Count >= count, $"{count} {reason} Event(s) are recorded");

    public Task<IReadOnlyList<string>> EventuallyJobsAsync(IReadOnlyList<string> names, string what) =>
        ControllerTestHost.EventuallyAsync(JobNamesAsync, n => n.SequenceEqual(names), what);

    /// <summary>Marks a Job finished ("Complete" or "Failed") at the clock's time, as the Job controller would.</summary>
    public async Task FinishAsync(string jobName, string condition)
    {
        var key = new ResourceKey("batch", "Job", "default", jobName);
        await WriteAsync(key, current =>
        {
            var next = current.DeepClone();
            var status = next.EnsureStatus();
            Conditions.Set(status, new Condition(condition, ConditionStatus.True, condition == "Complete" ? "CompletionsReached" : "BackoffLimitExceeded"), Clock.GetUtcNow());
            if (condition == "Complete")
                status.SetTime("completionTime", Clock.GetUtcNow());
            return next;
        }, status: true);
    }

    /// <summary>Changes the CronJob's spec, as a user applying a new manifest would.</summary>
    public Task UpdateSpecAsync(Action<JsonObject> change, string name = CronJobObjects.Name) =>
        WriteAsync(new ResourceKey("batch", "CronJob", "default", name), current =>
        {
            var next = current.DeepClone();
            change(next.EnsureSpec());
            return next;
        }, status: false);

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private async Task WriteAsync(ResourceKey key, Func<KubeObject, KubeObject> change, bool status)
    {
        ResourceResult? result = null;
        for (var attempt = 0; attempt < WriteAttempts; attempt++)
        {
            var current = await Host.GetAsync(key) ?? throw new InvalidOperationException($"{key} does not exist");
            var grain = Host.Grain(key);
            result = status
                ? await grain.UpdateStatusAsync(change(current), CancellationToken.None)
                : await grain.UpdateAsync(change(current), CancellationToken.None);
            if (result.Outcome != ResourceOutcome.Conflict)
                break;
        }
        Assert.True(result!.Succeeded, $"writing {key} failed: {result.Outcome} {result.Message}");
    }
}
