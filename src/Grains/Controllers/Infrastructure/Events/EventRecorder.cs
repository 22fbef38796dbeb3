using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using GitOps.Grains.Resources;
using GitOps.Model.Json;
using GitOps.Model.Objects;
using Orleans;
using Orleans.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers.Infrastructure.Events;

/// <summary>
/// The <see cref="IEventRecorder"/>: a bounded queue drained by a background writer that creates or
/// updates Event objects through their resource grains, aggregating repeats (see <see cref="IEventRecorder"/>).
/// </summary>
public sealed class EventRecorder : BackgroundService, IEventRecorder
{
    private const int WriteBatchSize = 64;
    private const int AggregationCacheSize = 4096;

    private readonly Channel<EventRequest> _queue;
    private readonly IGrainFactory _grainFactory;
    private readonly TimeProvider _time;
    private readonly ILogger<EventRecorder> _logger;
    private readonly Dictionary<string, RecordedEvent> _recorded = new(StringComparer.Ordinal);
    private long _sequence;

    public EventRecorder(IGrainFactory grainFactory, TimeProvider time, IOptions<ControllerOptions> options, ILogger<EventRecorder> logger)
    {
        _grainFactory = grainFactory;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<EventRequest>(new BoundedChannelOptions(options.Value.EventQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
    }

    public void Record(string component, KubeObject involved, EventType type, string reason, string message)
    {
        var request = new EventRequest(
            component,
            involved.ApiVersion,
            involved.Kind,
            involved.Metadata.Namespace ?? "",
            involved.Metadata.Name ?? "",
            involved.Metadata.Uid ?? "",
            type,
            reason,
            message,
            _time.GetUtcNow());
        if (!_queue.Writer.TryWrite(request))
            EventLog.Dropped(_logger, reason, involved.Kind, request.InvolvedNamespace, request.InvolvedName);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new Dictionary<string, (EventRequest Request, int Repeats)>(StringComparer.Ordinal);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < WriteBatchSize && _queue.Reader.TryRead(out var request))
                {
                    var key = request.AggregationKey;
                    batch[key] = batch.TryGetValue(key, out var seen) ? (request, seen.Repeats + 1) : (request, 1);
                }
                await Task.WhenAll(batch.Values.Select(e => WriteAsync(e.Request, e.Repeats, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(EventRequest request, int repeats, CancellationToken cancellationToken)
    {
        try
        {
            RecordedEvent? previous;
            lock (_recorded)
                _recorded.TryGetValue(request.AggregationKey, out previous);
            if (previous is not null)
            {
                var updated = previous with { Count = previous.Count + repeats, Last = request.Time };
                var result = await Grain(updated.Key).UpdateAsync(Build(request, updated), cancellationToken);
                if (result.Succeeded)
                {
                    Remember(request.AggregationKey, updated);
                    return;
                }
            }
            var created = new RecordedEvent(NewKey(request), repeats, request.Time, request.Time);
            var outcome = await Grain(created.Key).CreateAsync(Build(request, created), cancellationToken);
            if (outcome.Succeeded)
                Remember(request.AggregationKey, created);
            else
                EventLog.WriteFailed(_logger, request.Reason, request.InvolvedKind, request.InvolvedNamespace, request.InvolvedName, outcome.Message ?? outcome.Outcome.ToString());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EventLog.WriteFailed(_logger, request.Reason, request.InvolvedKind, request.InvolvedNamespace, request.InvolvedName, e.Message);
        }
    }

    private IResourceGrain Grain(ResourceKey key) => _grainFactory.GetGrain<IResourceGrain>(key.ToString());

    private void Remember(string aggregationKey, RecordedEvent recorded)
    {
        lock (_recorded)
        {
            if (_recorded.Count >= AggregationCacheSize && !_recorded.ContainsKey(aggregationKey))
                _recorded.Clear();
            _recorded[aggregationKey] = recorded;
        }
    }

    private ResourceKey NewKey(EventRequest request)
    {
        var unique = (_time.GetUtcNow().ToUnixTimeMilliseconds() * 1000 + Interlocked.Increment(ref _sequence) % 1000)
            .ToString("x", CultureInfo.InvariantCulture);
        var ns = string.IsNullOrEmpty(request.InvolvedNamespace) ? "default" : request.InvolvedNamespace;
        return new ResourceKey("", "Event", ns, $"{request.InvolvedName}.{unique}");
    }

    private static KubeObject Build(EventRequest request, RecordedEvent recorded)
    {
        var obj = new KubeObject("v1", "Event", recorded.Key.Namespace, recorded.Key.Name);
        var involved = new JsonObject
        {
            ["apiVersion"] = request.InvolvedApiVersion,
            ["kind"] = request.InvolvedKind,
            ["name"] = request.InvolvedName,
        };
        involved.SetString("namespace", string.IsNullOrEmpty(request.InvolvedNamespace) ? null : request.InvolvedNamespace);
        involved.SetString("uid", string.IsNullOrEmpty(request.InvolvedUid) ? null : request.InvolvedUid);
        obj.Root["involvedObject"] = involved;
        obj.Root["reason"] = request.Reason;
        obj.Root["message"] = request.Message;
        obj.Root["type"] = request.Type.ToString();
        obj.Root["count"] = recorded.Count;
        obj.Root.SetTime("firstTimestamp", recorded.First);
        obj.Root.SetTime("lastTimestamp", recorded.Last);
        obj.Root["source"] = new JsonObject { ["component"] = request.Component };
        obj.Root["reportingComponent"] = request.Component;
        return obj;
    }

    private sealed record RecordedEvent(ResourceKey Key, int Count, DateTimeOffset First, DateTimeOffset Last);
}
