using System.Text.Json.Nodes;

namespace GitOps.Gateway.Tests.Infrastructure;

/// <summary>An open watch stream whose newline-delimited events are read one at a time with a bounded wait.</summary>
public sealed class WatchClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private Task<string?>? _pendingLine;

    private WatchClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    public static async Task<WatchClient> OpenAsync(HttpClient client, string pathAndQuery, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        return new WatchClient(response, new StreamReader(stream));
    }

    /// <summary>The next event, or null when the stream ended or nothing came within <paramref name="timeout"/>.</summary>
    public async Task<(string Type, JsonObject Object)?> NextAsync(TimeSpan timeout)
    {
        _pendingLine ??= _reader.ReadLineAsync();
        var finished = await Task.WhenAny(_pendingLine, Task.Delay(timeout));
        if (finished != _pendingLine)
            return null;
        var line = await _pendingLine;
        _pendingLine = null;
        if (line is null)
            return null;
        var node = JsonNode.Parse(line)!.AsObject();
        return (node["type"]!.GetValue<string>(), node["object"]!.AsObject());
    }

    /// <summary>Reads events until one satisfies <paramref name="predicate"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task<(string Type, JsonObject Object)> NextMatchingAsync(Func<(string Type, JsonObject Object), bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var next = await NextAsync(deadline - DateTime.UtcNow);
            if (next is null)
                break;
            if (predicate(next.Value))
                return next.Value;
        }
        throw new TimeoutException($"No matching watch event within {timeout.TotalSeconds} s.");
    }

    /// <summary>True when the server ended the stream within <paramref name="timeout"/> (after any remaining events).</summary>
    public async Task<bool> EndsWithinAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            _pendingLine ??= _reader.ReadLineAsync();
            var finished = await Task.WhenAny(_pendingLine, Task.Delay(deadline - DateTime.UtcNow));
            if (finished != _pendingLine)
                return false;
            var line = await _pendingLine;
            _pendingLine = null;
            if (line is null)
                return true;
        }
        return false;
    }

    public ValueTask DisposeAsync()
    {
        _response.Dispose();
        _reader.Dispose();
        return ValueTask.CompletedTask;
    }
}
