using GitOps.Model.Objects;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Tests.Api;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.NodeAgent.Tests.Client;

public sealed class ListWatcherTests
{
    private static readonly ResourcePath ConfigMaps = new("", "v1", "configmaps", "watched");

    [Fact]
    public async Task Watcher_follows_creates_updates_and_deletes_after_the_initial_list()
    {
        await using var api = await ApiServer.StartAsync();
        await api.Client.CreateAsync(ConfigMap("before"), ConfigMaps);
        var handler = new RecordingHandler();
        using var stop = new CancellationTokenSource();
        var watcher = new ListWatcher(api.Client, ConfigMaps, ListOptions.None, handler, TimeProvider.System, NullLogger.Instance);
        var run = watcher.RunAsync(stop.Token);
        try
        {
            await watcher.Synced.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(["before"], handler.Names);

            await api.Client.CreateAsync(ConfigMap("after"), ConfigMaps);
            var deleted = await api.Client.DeleteAsync(ConfigMaps.WithName("before"), null, CancellationToken.None);
            Assert.True(deleted.IsSuccess, deleted.Error?.ToString());

            await Eventually.GetAsync(() => Task.FromResult(handler.Names.SequenceEqual(["after"]) ? new object() : null), "the handler to see 'after' only");
            Assert.Equal(1, handler.Replacements);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task Watcher_resuming_from_a_compacted_resourceVersion_lists_again_and_ends_with_the_true_set()
    {
        await using var api = await ApiServer.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:WatchCacheCapacity"] = "5",
            ["Gateway:MaxWatchTimeoutSeconds"] = "1",
        });
        var handler = new RecordingHandler();
        using var stop = new CancellationTokenSource();
        var watcher = new ListWatcher(api.Client, ConfigMaps, ListOptions.None, handler, TimeProvider.System, NullLogger.Instance);
        var run = watcher.RunAsync(stop.Token);
        try
        {
            await watcher.Synced.WaitAsync(TimeSpan.FromSeconds(30));
            handler.Hold();
            await api.Client.CreateAsync(ConfigMap("first"), ConfigMaps);
            await Eventually.GetAsync(() => Task.FromResult(handler.IsHolding ? new object() : null), "the handler holding the first event");
            // While the handler holds, the server ends the stream (1 s limit); these changes happen while nobody watches.
            await Task.Delay(TimeSpan.FromSeconds(2));
            for (var i = 0; i < 30; i++)
                await api.Client.CreateAsync(ConfigMap($"burst-{i}"), ConfigMaps);
            // Drop the history behind the held event, so resuming from it can only answer 410 Expired.
            await api.Store.CompactAsync(TimeSpan.Zero, 1, CancellationToken.None);
            handler.Release();

            await Eventually.GetAsync(() => Task.FromResult(handler.Replacements >= 2 && handler.Names.Count == 31 ? new object() : null), "a relist with all 31 config maps");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static KubeObject ConfigMap(string name) => new("v1", "ConfigMap", "watched", name);

    private sealed class RecordingHandler : IWatchHandler
    {
        private readonly Lock _lock = new();
        private readonly SortedSet<string> _names = new(StringComparer.Ordinal);
        private TaskCompletionSource? _gate;
        private volatile bool _holding;

        public int Replacements { get; private set; }

        public bool IsHolding => _holding;

        public IReadOnlyList<string> Names
        {
            get
            {
                lock (_lock)
                    return _names.ToArray();
            }
        }

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate?.TrySetResult();

        public Task ReplaceAsync(IReadOnlyList<KubeObject> items, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _names.Clear();
                foreach (var item in items)
                    _names.Add(item.Metadata.Name!);
                Replacements++;
            }
            return Task.CompletedTask;
        }

        public async Task HandleAsync(WatchEventType type, KubeObject obj, CancellationToken cancellationToken)
        {
            if (_gate is { } gate)
            {
                _holding = true;
                await gate.Task.WaitAsync(cancellationToken);
                _holding = false;
                _gate = null;
            }
            lock (_lock)
            {
                if (type == WatchEventType.Deleted)
                    _names.Remove(obj.Metadata.Name!);
                else
                    _names.Add(obj.Metadata.Name!);
            }
        }
    }
}
