using System.Text.Json.Nodes;

namespace GitOps.EndToEnd.Tests.Durability;

/// <summary>
/// A watch held open over HTTP (<c>?watch=true&amp;resourceVersion=...</c>), read as it streams: the
/// newest resourceVersion among its events, and when and how the stream ended, if it did.
/// </summary>
public sealed class OpenWatch : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private long _latest;

    private OpenWatch(Uri server, string path)
    {
        _http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        _reading = Task.Run(() => ReadAsync(path));
    }

    /// <summary>The newest resourceVersion an event carried so far.</summary>
    public long LatestResourceVersion => Interlocked.Read(ref _latest);

    /// <summary>Null while the stream is open; otherwise when it ended and why (an ERROR event, the end of the stream, a failure).</summary>
    public string? Ended { get; private set; }

    public static OpenWatch Start(Uri server, string listPath, long afterResourceVersion) =>
        new(server, $"{listPath}?watch=true&resourceVersion={afterResourceVersion}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
        _http.Dispose();
    }

    private async Task ReadAsync(string path)
    {
        try
        {
            using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var watchEvent = JsonNode.Parse(line)!;
                if (watchEvent["type"]!.GetValue<string>() == "ERROR")
                {
                    Ended = $"{DateTime.UtcNow:HH:mm:ss.fff}: ERROR event {line}";
                    return;
                }
                var version = long.Parse(watchEvent["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
                Interlocked.Exchange(ref _latest, Math.Max(_latest, version));
            }
            Ended = $"{DateTime.UtcNow:HH:mm:ss.fff}: the server ended the stream";
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Ended = $"{DateTime.UtcNow:HH:mm:ss.fff}: {e.Message}";
        }
    }
}
