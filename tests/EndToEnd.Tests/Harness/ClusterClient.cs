using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GitOps.EndToEnd.Tests.Harness;

/// <summary>Reads the cluster through the gateway's HTTP API, as any client would.</summary>
public sealed class ClusterClient(Uri server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

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

    public Task<string> GetTextAsync(string path, CancellationToken cancellationToken) =>
        _http.GetStringAsync(path, cancellationToken);

    public async Task PostAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(path, content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
