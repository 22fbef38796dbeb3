using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using GitOps.EndToEnd.Tests.Harness;

namespace GitOps.EndToEnd.Tests.Durability;

/// <summary>
/// Concurrent writers of ConfigMaps over HTTP, each the only writer of its own objects: a worker
/// creates <c>w{worker}-{n}</c>, then updates it twice with its acknowledged resourceVersion as the
/// precondition (data.value is the write's sequence number, 1 to 3), then moves to the next name; a
/// write that is not acknowledged ends that object (its fate is unknown) and the worker starts a new
/// one. It records every attempt, the last sequence number sent per object and the last one
/// acknowledged with its resourceVersion, which is what may not be lost.
/// </summary>
public sealed class WriteLoad : IAsyncDisposable
{
    private const int WritesPerObject = 3;
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(50);

    private readonly ClusterClient _client;
    private readonly string _namespace;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<WriteAttempt> _attempts = new();
    private readonly ConcurrentDictionary<string, int> _sent = new();
    private readonly ConcurrentDictionary<string, (int Sequence, long ResourceVersion)> _acknowledged = new();
    private readonly Task[] _workers;
    private int _acknowledgedCount;

    private WriteLoad(Uri server, string @namespace, int workers)
    {
        _client = new ClusterClient(server, TimeSpan.FromSeconds(30));
        _namespace = @namespace;
        _workers = Enumerable.Range(0, workers).Select(w => Task.Run(() => RunAsync(w))).ToArray();
    }

    /// <summary>How many writes were acknowledged so far.</summary>
    public int AcknowledgedCount => Volatile.Read(ref _acknowledgedCount);

    public IReadOnlyCollection<WriteAttempt> Attempts => _attempts;

    /// <summary>Per object, the last sequence number sent.</summary>
    public IReadOnlyDictionary<string, int> Sent => _sent;

    /// <summary>Per object, the last acknowledged write: its sequence number and resourceVersion.</summary>
    public IReadOnlyDictionary<string, (int Sequence, long ResourceVersion)> Acknowledged => _acknowledged;

    public static WriteLoad Start(Uri server, string @namespace, int workers) => new(server, @namespace, workers);

    /// <summary>Stops sending; a write in flight is cancelled (sent, not acknowledged).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _client.Dispose();
    }

    private async Task RunAsync(int worker)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var key = $"w{worker}-{n}";
            long? resourceVersion = null;
            for (var sequence = 1; sequence <= WritesPerObject && !_stop.IsCancellationRequested; sequence++)
            {
                _sent[key] = sequence;
                var attempt = await SendAsync(key, sequence, resourceVersion);
                _attempts.Enqueue(attempt);
                if (attempt.ResourceVersion is not { } acknowledged)
                {
                    await Task.Delay(PauseAfterFailure, CancellationToken.None);
                    break;
                }
                _acknowledged[key] = (sequence, acknowledged);
                Interlocked.Increment(ref _acknowledgedCount);
                resourceVersion = acknowledged;
            }
        }
    }

    private async Task<WriteAttempt> SendAsync(string key, int sequence, long? resourceVersion)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var body = Manifests.ConfigMap(_namespace, key, sequence.ToString(), resourceVersion?.ToString());
        try
        {
            var (status, answer) = resourceVersion is null
                ? await _client.SendJsonAsync(HttpMethod.Post, $"/api/v1/namespaces/{_namespace}/configmaps", body, _stop.Token)
                : await _client.SendJsonAsync(HttpMethod.Put, $"/api/v1/namespaces/{_namespace}/configmaps/{key}", body, _stop.Token);
            var succeeded = status is HttpStatusCode.OK or HttpStatusCode.Created;
            long? version = succeeded ? long.Parse(answer!["metadata"]!["resourceVersion"]!.GetValue<string>()) : null;
            return new WriteAttempt(key, sequence, started, clock.Elapsed, (int)status,
                answer?["reason"]?.GetValue<string>(), answer?["message"]?.GetValue<string>(), version);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return new WriteAttempt(key, sequence, started, clock.Elapsed, null, null, e.Message, null);
        }
    }
}
