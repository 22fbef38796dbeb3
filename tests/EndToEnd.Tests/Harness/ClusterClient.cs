using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GitOps.EndToEnd.Tests.Harness;

/// <summary>
/// Reads the cluster through the gateway's HTTP API, as any client would; a request gives up after <paramref name="timeout"/>
/// (30 s by default). Without <paramref name="handler"/> it sends no token (the silo allows anonymous calls in tests).
/// </summary>
public sealed class ClusterClient(Uri server, TimeSpan? timeout = null, HttpMessageHandler? handler = null) : IDisposable
{
    private readonly HttpClient _http = new(handler ?? new HttpClientHandler()) { BaseAddress = server, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    public Uri Server => server;

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync("/readyz", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>/readyz: whether it answered 200, and the report (each check's description), or why there was none.</summary>
    public async Task<(bool Ready, string Report)> ReadinessAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync("/readyz", cancellationToken);
            return (response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException e)
        {
            return (false, e.Message);
        }
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(string path, CancellationToken cancellationToken)
    {
        var list = await _http.GetFromJsonAsync<JsonObject>(path, cancellationToken)
                   ?? throw new InvalidOperationException($"GET {path} returned no body.");
        return (list["items"] as JsonArray ?? []).OfType<JsonObject>().ToArray();
    }

    public async Task<JsonObject?> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
    }

    /// <summary>A GET whose answer is any JSON document (an array, say), failing on a status other than 2xx.</summary>
    public async Task<JsonNode> GetJsonAsync(string path, CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<JsonNode>(path, cancellationToken)
        ?? throw new InvalidOperationException($"GET {path} returned no body.");

    /// <summary>Sends <paramref name="body"/> as JSON and returns the status code and the JSON answer, whatever the status.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendJsonAsync(
        HttpMethod method, string path, JsonNode body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public Task<string> GetTextAsync(string path, CancellationToken cancellationToken) =>
        _http.GetStringAsync(path, cancellationToken);

    public async Task PostAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(path, content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
