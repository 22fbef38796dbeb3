using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Gateway.Tests.Infrastructure;

/// <summary>HTTP calls against the gateway that return the status code and the parsed JSON body.</summary>
public static class Api
{
    public const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    public sealed record Answer(HttpStatusCode Code, JsonNode? Body, string Text, HttpResponseMessage Response)
    {
        public JsonObject Object => Body as JsonObject ?? throw new InvalidOperationException($"Expected a JSON object, got {Code}: {Text}");

        public string? Reason => Body?["reason"]?.GetValue<string>();

        public string Message => Body?["message"]?.GetValue<string>() ?? "";

        public override string ToString() => $"{(int)Code} {Text}";
    }

    public static Task<Answer> GetJsonAsync(this HttpClient client, string path, string? accept = null) =>
        SendAsync(client, HttpMethod.Get, path, null, null, accept);

    public static Task<Answer> PostJsonAsync(this HttpClient client, string path, JsonNode body) =>
        SendAsync(client, HttpMethod.Post, path, body.ToJsonString(), "application/json");

    public static Task<Answer> PutJsonAsync(this HttpClient client, string path, JsonNode body) =>
        SendAsync(client, HttpMethod.Put, path, body.ToJsonString(), "application/json");

    public static Task<Answer> PatchJsonAsync(this HttpClient client, string path, JsonNode patch, string contentType) =>
        SendAsync(client, HttpMethod.Patch, path, patch.ToJsonString(), contentType);

    public static Task<Answer> DeleteJsonAsync(this HttpClient client, string path, JsonNode? options = null) =>
        SendAsync(client, HttpMethod.Delete, path, options?.ToJsonString(), options is null ? null : "application/json");

    public static async Task<Answer> SendAsync(this HttpClient client, HttpMethod method, string path, string? body, string? contentType, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? parsed = null;
        try
        {
            parsed = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (e.g. metrics text); the raw text is kept.
        }
        return new Answer(response.StatusCode, parsed, text, response);
    }
}
