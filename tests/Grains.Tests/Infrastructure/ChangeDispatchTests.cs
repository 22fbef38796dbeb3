using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Informers;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GitOps.Grains.Tests.Infrastructure;

public sealed class ChangeDispatchTests
{
    [Fact]
    public async Task A_change_wakes_the_controllers_its_watch_maps_it_to_and_they_see_the_new_state()
    {
        await using var host = await StartAsync();

        for (var i = 0; i < 50; i++)
            await host.CreateAsync(new KubeObject("v1", "ConfigMap", "default", $"cm-{i}"));

        var counts = await ControllerTestHost.EventuallyAsync(
            () => Counter(host).GetCountsAsync(CancellationToken.None),
            c => c.ConfigMapsSeen == 50,
            "the controller has reconciled after the last change");
        Assert.InRange(counts.Reconciles, 1, 50);
    }

    [Fact]
    public async Task A_notification_the_last_reconcile_already_covered_is_dropped()
    {
        await using var host = await StartAsync();
        await host.CreateAsync(new KubeObject("v1", "ConfigMap", "default", "one"));
        var before = await ControllerTestHost.EventuallyAsync(
            () => Counter(host).GetCountsAsync(CancellationToken.None), c => c.ConfigMapsSeen == 1, "the controller saw the ConfigMap");

        await Counter(host).NotifyAsync(1, CancellationToken.None);
        await Counter(host).NotifyAsync(1, CancellationToken.None);

        Assert.Equal(before.Reconciles, (await Counter(host).GetCountsAsync(CancellationToken.None)).Reconciles);
    }

    [Fact]
    public async Task After_the_change_log_expired_the_dispatcher_wakes_the_controllers_of_the_relisted_objects()
    {
        await using var host = await StartAsync();
        await host.CreateAsync(new KubeObject("v1", "ConfigMap", "default", "before"));
        await ControllerTestHost.EventuallyAsync(
            () => Counter(host).GetCountsAsync(CancellationToken.None), c => c.ConfigMapsSeen == 1, "the controller saw the first ConfigMap");
        var follower = host.Services.GetServices<IHostedService>().OfType<ChangeLogFollower>().Single();

        await follower.StopAsync(CancellationToken.None);
        await host.CreateAsync(new KubeObject("v1", "ConfigMap", "default", "while-stopped"));
        await host.Store.CompactAsync(TimeSpan.Zero, 0, CancellationToken.None);
        await follower.StartAsync(CancellationToken.None);

        // The creation's event is gone: only the relist and the dispatcher's resync can tell the controller.
        await ControllerTestHost.EventuallyAsync(
            () => Counter(host).GetCountsAsync(CancellationToken.None), c => c.ConfigMapsSeen == 2, "the controller saw the relisted ConfigMap");
    }

    [Fact]
    public async Task Repeated_events_are_aggregated_into_one_Event_with_a_count()
    {
        await using var host = await StartAsync();
        var pod = await host.CreateAsync(ControllerObjects.Pod("web-1").Object);
        async Task<IReadOnlyList<KubeObject>> BackOffEventsAsync() =>
            (await host.ListAsync("", "Event")).Where(e => new Event(e).Reason == "BackOff").ToArray();
        var recorder = host.Services.GetRequiredService<IEventRecorder>();

        recorder.Record("test-controller", pod, EventType.Warning, "BackOff", "Back-off restarting failed container");
        await ControllerTestHost.EventuallyAsync(BackOffEventsAsync, events => events.Count == 1, "the first event is written");
        recorder.Record("test-controller", pod, EventType.Warning, "BackOff", "Back-off restarting failed container");
        recorder.Record("test-controller", pod, EventType.Warning, "BackOff", "Back-off restarting failed container");

        var written = await ControllerTestHost.EventuallyAsync(
            BackOffEventsAsync, events => events.Count == 1 && new Event(events[0]).Count == 3, "the repeats raise the count");
        var evt = new Event(written[0]);
        Assert.Equal("Warning", evt.Type);
        Assert.Equal("BackOff", evt.Reason);
        Assert.Equal("test-controller", evt.SourceComponent);
        Assert.Equal(new ObjectReference("Pod", "default", "web-1", pod.Metadata.Uid, "v1"), evt.InvolvedObject);
        Assert.True(evt.LastTimestamp >= evt.FirstTimestamp);
    }

    private static Task<ControllerTestHost> StartAsync() => ControllerTestHost.StartAsync(
        configureServices: services => services.AddSingleton<IControllerWatch, CountingWatch>());

    private static ICountingControllerGrain Counter(ControllerTestHost host) => host.Grains.GetGrain<ICountingControllerGrain>("counter");
}
