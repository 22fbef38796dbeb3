using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.NodeAgent.Logging;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Client;

/// <summary>
/// A small client of the Kubernetes HTTP API: get, list, create, update, patch, delete, the status
/// subresource and watch streams. Transient failures (connection errors, 429, 5xx, timeouts) are
/// retried with capped exponential back-off and jitter; every other answer is returned as a value.
/// </summary>
public sealed class KubeClient : IDisposable
{
    private const int ListPageSize = 500;
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly KubeClientOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _inFlight;
    private readonly Backoff _retryBackoff;

    public KubeClient(KubeClientOptions options, ILogger<KubeClient> logger)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid API client settings: " + string.Join(" ", errors), nameof(options));
        _options = options;
        _logger = logger;
        _inFlight = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
        _retryBackoff = new Backoff(options.RetryInitialDelay, options.RetryMaxDelay);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = options.MaxConcurrentRequests + 16,
            AutomaticDecompression = DecompressionMethods.All,
        };
        _http = new HttpClient(handler) { BaseAddress = options.Server, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("gitops-node-agent", "1.0"));
    }

    public Uri Server => _options.Server;

    public Task<ApiResult> GetAsync(ResourcePath path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path.ToUrlPath(), null, null, cancellationToken);

    public Task<ApiResult> CreateAsync(ResourcePath collection, KubeObject obj, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, collection.Collection.ToUrlPath(), obj.ToJson(), JsonMediaType, cancellationToken);

    public Task<ApiResult> UpdateAsync(ResourcePath path, KubeObject obj, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path.ToUrlPath(), obj.ToJson(), JsonMediaType, cancellationToken);

    /// <summary>PUT to the status subresource: only status changes; a stale resourceVersion gives a conflict.</summary>
    public Task<ApiResult> UpdateStatusAsync(ResourcePath path, KubeObject obj, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path.ToUrlPath("status"), obj.ToJson(), JsonMediaType, cancellationToken);

    public Task<ApiResult> PatchAsync(ResourcePath path, JsonNode patch, PatchType type, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, path.ToUrlPath(), patch.ToJsonString(), PatchMediaType(type), cancellationToken);

    /// <summary>PATCH of the status subresource (a JSON merge patch unless told otherwise).</summary>
    public Task<ApiResult> PatchStatusAsync(ResourcePath path, JsonNode patch, CancellationToken cancellationToken, PatchType type = PatchType.Merge) =>
        SendAsync(HttpMethod.Patch, path.ToUrlPath("status"), patch.ToJsonString(), PatchMediaType(type), cancellationToken);

    public Task<ApiResult> DeleteAsync(ResourcePath path, DeleteOptions? options, CancellationToken cancellationToken)
    {
        var url = path.ToUrlPath();
        if (options?.GracePeriodSeconds is { } grace)
            url += "?gracePeriodSeconds=" + grace.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return SendAsync(HttpMethod.Delete, url, options?.ToJson().ToJsonString(), options is null ? null : JsonMediaType, cancellationToken);
    }

    /// <summary>Lists a collection, following continue tokens until the last page.</summary>
    public async Task<ListResult> ListAsync(ResourcePath collection, ListOptions options, CancellationToken cancellationToken)
    {
        var items = new List<KubeObject>();
        var page = options with { Limit = options.Limit ?? ListPageSize, Continue = null };
        while (true)
        {
            var result = await SendAsync(HttpMethod.Get, collection.Collection.ToUrlPath() + page.ToQuery(watch: false), null, null, cancellationToken);
            if (!result.IsSuccess || result.Object is null)
                return new ListResult(items, "", result.Error ?? new ApiStatus(result.StatusCode, "", "empty list answer"), result.StatusCode);
            if (result.Object.Root["items"] is JsonArray array)
            {
                foreach (var item in array.OfType<JsonObject>())
                    items.Add(new KubeObject((JsonObject)item.DeepClone()));
            }
            var metadata = result.Object.Root["metadata"] as JsonObject;
            var next = metadata?["continue"]?.GetValue<string>();
            if (string.IsNullOrEmpty(next))
                return new ListResult(items, metadata?["resourceVersion"]?.GetValue<string>() ?? "", null, result.StatusCode);
            page = page with { Continue = next, ResourceVersion = null };
        }
    }

    /// <summary>
    /// One watch stream, until the server closes it or the token is cancelled. A failed request
    /// or a broken stream yields one <see cref="WatchEventType.Error"/> event carrying a Status.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourcePath collection, ListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var url = collection.Collection.ToUrlPath() + options.ToQuery(watch: true);
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent(ex.Message) };
        }
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                yield return ErrorEvent(ApiStatus.From((int)response.StatusCode, TryParse(body), body));
                yield break;
            }
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    AgentLog.WatchBroken(_logger, url, ex.Message);
                    yield break;
                }
                if (line is null)
                    yield break;
                if (line.Length == 0)
                    continue;
                if (TryParse(line) is not JsonObject frame || frame["object"] is not JsonObject obj)
                {
                    yield return ErrorEvent(new ApiStatus(500, "InternalError", $"Unreadable watch event from {url}: {Truncate(line)}"));
                    yield break;
                }
                frame.Remove("object");
                yield return new WatchEvent(WatchEvent.ParseType(frame["type"]?.GetValue<string>()), new KubeObject(obj));
            }
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _inFlight.Dispose();
    }

    private async Task<ApiResult> SendAsync(HttpMethod method, string url, string? body, MediaTypeHeaderValue? contentType, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var last = attempt + 1 >= _options.MaxAttempts;
            ApiResult? result = null;
            string failure;
            await _inFlight.WaitAsync(cancellationToken);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.RequestTimeout);
                using var request = new HttpRequestMessage(method, url);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8);
                    request.Content.Headers.ContentType = contentType;
                }
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                result = ToResult((int)response.StatusCode, text);
                failure = $"HTTP {(int)response.StatusCode} {result.Error?.Message}";
                if (!IsTransient(response.StatusCode) || last)
                    return result;
            }
            catch (HttpRequestException ex) when (!last)
            {
                failure = ex.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !last)
            {
                failure = $"no answer within {_options.RequestTimeout}";
            }
            catch (HttpRequestException ex)
            {
                return new ApiResult(503, null, new ApiStatus(503, "ServiceUnavailable", $"{method} {_options.Server}{url.TrimStart('/')}: {ex.Message}"));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new ApiResult(504, null, new ApiStatus(504, "Timeout", $"{method} {url}: no answer within {_options.RequestTimeout}"));
            }
            finally
            {
                _inFlight.Release();
            }
            var delay = _retryBackoff.DelayFor(attempt);
            AgentLog.RequestRetry(_logger, method.Method, url, attempt + 1, failure, delay);
            await Task.Delay(delay, cancellationToken);
        }
    }

    private static bool IsTransient(HttpStatusCode code) =>
        code is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static ApiResult ToResult(int code, string text)
    {
        var node = TryParse(text);
        if (code is >= 200 and < 300)
            return new ApiResult(code, node is JsonObject obj ? new KubeObject(obj) : null, null);
        return new ApiResult(code, null, ApiStatus.From(code, node, text));
    }

    private static WatchEvent ErrorEvent(ApiStatus status) => new(WatchEventType.Error, new KubeObject(new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["status"] = "Failure",
        ["code"] = status.Code,
        ["reason"] = status.Reason,
        ["message"] = status.Message,
    }));

    private static JsonNode? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "…" : text;

    private static MediaTypeHeaderValue PatchMediaType(PatchType type) => new(type switch
    {
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        _ => "application/merge-patch+json",
    });
}
