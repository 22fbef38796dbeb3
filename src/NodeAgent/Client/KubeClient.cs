using System.Collections.Concurrent;
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
/// Given several API servers (the silos of one cluster), it uses one at a time and moves to the next
/// when that one fails (<see cref="ServerRotation"/>); every caller's requests and watches follow.
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
    private readonly ServerRotation _rotation;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly KubeClient? _owner;
    private readonly ConcurrentDictionary<string, KubeClient> _nodeClients = new(StringComparer.Ordinal);

    public KubeClient(KubeClientOptions options, ILogger<KubeClient> logger)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid API client settings: " + string.Join(" ", errors), nameof(options));
        _options = options;
        _logger = logger;
        _inFlight = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
        _retryBackoff = new Backoff(options.RetryInitialDelay, options.RetryMaxDelay);
        _rotation = new ServerRotation(options.Servers.ToArray(), logger);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = options.MaxConcurrentRequests + 16,
            AutomaticDecompression = DecompressionMethods.All,
        };
        // No BaseAddress: each request is addressed to the server the rotation points at when it is sent.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("gitops-node-agent", "1.0"));
        _authorization = Bearer(options.Credentials.Shared);
    }

    // A view of the owner's connections, servers and limits that sends another token.
    private KubeClient(KubeClient owner, string? token)
    {
        _owner = owner;
        _http = owner._http;
        _options = owner._options;
        _logger = owner._logger;
        _inFlight = owner._inFlight;
        _retryBackoff = owner._retryBackoff;
        _rotation = owner._rotation;
        _authorization = Bearer(token);
    }

    /// <summary>
    /// The client for requests made for <paramref name="nodeName"/>: the same connections and servers, sending that node's
    /// token (<see cref="AgentCredentials.ForNode"/>), so the server knows the caller as system:node:NAME.
    /// </summary>
    public KubeClient ForNode(string nodeName)
    {
        var root = _owner ?? this;
        var token = root._options.Credentials.ForNode(nodeName);
        return token == root._authorization?.Parameter ? root : root._nodeClients.GetOrAdd(nodeName, _ => new KubeClient(root, token));
    }

    /// <summary>The API server requests go to now.</summary>
    public Uri Server => _rotation.Current.Uri;

    /// <summary>Every API server this client may use, in the order it moves through them.</summary>
    public IReadOnlyList<Uri> Servers => _rotation.Servers;

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
        var first = options with { Limit = options.Limit ?? ListPageSize, Continue = null };
        var page = first;
        Uri? server = null;
        while (true)
        {
            var result = await SendAsync(HttpMethod.Get, collection.Collection.ToUrlPath() + page.ToQuery(watch: false), null, null, cancellationToken);
            if (!result.IsSuccess || result.Object is null)
                return new ListResult(items, "", result.Error ?? new ApiStatus(result.StatusCode, "", "empty list answer"), result.StatusCode) { Server = result.Server };
            if (page.Continue is not null && result.Server != server)
            {
                // A continue token means something only to the server that issued it; the client moved
                // to another server mid-list, so the list starts again there.
                items.Clear();
                page = first;
                server = null;
                continue;
            }
            server = result.Server;
            if (result.Object.Root["items"] is JsonArray array)
            {
                foreach (var item in array.OfType<JsonObject>())
                    items.Add(new KubeObject((JsonObject)item.DeepClone()));
            }
            var metadata = result.Object.Root["metadata"] as JsonObject;
            var next = metadata?["continue"]?.GetValue<string>();
            if (string.IsNullOrEmpty(next))
                return new ListResult(items, metadata?["resourceVersion"]?.GetValue<string>() ?? "", null, result.StatusCode) { Server = server };
            page = page with { Continue = next, ResourceVersion = null };
        }
    }

    /// <summary>
    /// One watch stream on the current server, until the server closes it or the token is cancelled.
    /// A failed request yields one <see cref="WatchEventType.Error"/> event carrying a Status.
    /// </summary>
    public IAsyncEnumerable<WatchEvent> WatchAsync(ResourcePath collection, ListOptions options, CancellationToken cancellationToken) =>
        WatchAsync(collection, options, null, cancellationToken);

    /// <summary>
    /// One watch stream on the current server, until that server closes it, the client leaves that
    /// server (another request found it failing) or the token is cancelled; a broken stream just
    /// ends. A failed request yields one <see cref="WatchEventType.Error"/> event carrying a Status.
    /// A failing server (no connection, a reset, no response headers within the request timeout, a
    /// 5xx) also moves the client to the next server. <paramref name="resourceVersionServer"/> is the server
    /// <c>options.ResourceVersion</c> came from (<see cref="ListResult.Server"/>): resourceVersions
    /// are not carried from one server to another (a server with another store would skip every
    /// change up to that number), so when the client has moved since, the stream is one ERROR event
    /// 410 Expired and the caller lists again on the new server, as after any expiry.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourcePath collection, ListOptions options, Uri? resourceVersionServer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var url = collection.Collection.ToUrlPath() + options.ToQuery(watch: true);
        var server = _rotation.Current;
        if (resourceVersionServer is not null && !string.IsNullOrEmpty(options.ResourceVersion) && resourceVersionServer != server.Uri)
        {
            yield return ErrorEvent(new ApiStatus(410, "Expired",
                $"resourceVersion {options.ResourceVersion} was issued by {resourceVersionServer}, and the client has moved to {server.Uri}; list again there"));
            yield break;
        }
        // The stream ends when the client leaves this server, so a watch never stays on a server the other requests gave up on.
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Left);
        HttpResponseMessage response;
        string? failure = null;
        try
        {
            using var headers = CancellationTokenSource.CreateLinkedTokenSource(stream.Token);
            headers.CancelAfter(_options.RequestTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Uri, url));
            request.Headers.Authorization = _authorization;
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token);
        }
        catch (HttpRequestException ex)
        {
            failure = ex.Message;
            response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent(failure) };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = server.Left.IsCancellationRequested ? $"the client moved away from {server.Uri}" : $"no answer within {_options.RequestTimeout}";
            response = new HttpResponseMessage(HttpStatusCode.GatewayTimeout) { Content = new StringContent(failure) };
        }
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (failure is null && IsServerFailure(response.StatusCode))
                    failure = $"HTTP {(int)response.StatusCode} {Truncate(body)}";
                if (failure is not null)
                    _rotation.ReportFailure(server, $"watch {url}: {failure}");
                yield return ErrorEvent(ApiStatus.From((int)response.StatusCode, TryParse(body), body));
                yield break;
            }
            await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(content, Encoding.UTF8);
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(stream.Token);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    AgentLog.WatchBroken(_logger, url, ex.Message);
                    _rotation.ReportFailure(server, $"watch {url} broke: {ex.Message}");
                    yield break;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    AgentLog.WatchLeftServer(_logger, url, server.Uri.ToString());
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
        // A node's view shares the owner's connections; only the owner closes them.
        if (_owner is not null)
            return;
        _http.Dispose();
        _inFlight.Dispose();
    }

    // Each attempt goes to the rotation's current server. When that server fails (no connection, no
    // answer within the timeout, a 5xx) the rotation moves on and the request follows at once; once it
    // has tried every server in turn, or on a 429 (the server is up but asks to slow down), it backs
    // off, capped and jittered, before the next round. With one server that is plain retry with
    // back-off, MaxAttempts times.
    private async Task<ApiResult> SendAsync(HttpMethod method, string url, string? body, MediaTypeHeaderValue? contentType, CancellationToken cancellationToken)
    {
        var servers = _rotation.Servers.Count;
        var round = 0;
        var hops = 0;
        for (var attempt = 0; ; attempt++)
        {
            var last = attempt + 1 >= _options.MaxAttempts * servers;
            var server = _rotation.Current;
            ApiResult result;
            string failure;
            bool serverFailed;
            await _inFlight.WaitAsync(cancellationToken);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.RequestTimeout);
                using var request = new HttpRequestMessage(method, new Uri(server.Uri, url));
                request.Headers.Authorization = _authorization;
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8);
                    request.Content.Headers.ContentType = contentType;
                }
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                result = ToResult((int)response.StatusCode, text) with { Server = server.Uri };
                if (!IsTransient(response.StatusCode))
                    return result;
                failure = $"HTTP {(int)response.StatusCode} {result.Error?.Message}";
                serverFailed = IsServerFailure(response.StatusCode);
            }
            catch (HttpRequestException ex)
            {
                failure = ex.Message;
                serverFailed = true;
                result = new ApiResult(503, null, new ApiStatus(503, "ServiceUnavailable", $"{method} {server.Uri}{url.TrimStart('/')}: {ex.Message}")) { Server = server.Uri };
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {_options.RequestTimeout}";
                serverFailed = true;
                result = new ApiResult(504, null, new ApiStatus(504, "Timeout", $"{method} {server.Uri}{url.TrimStart('/')}: {failure}")) { Server = server.Uri };
            }
            finally
            {
                _inFlight.Release();
            }
            var next = serverFailed ? _rotation.ReportFailure(server, $"{method} {url}: {failure}") : server;
            if (last)
                return result;
            if (next.Index != server.Index && ++hops < servers)
                continue;
            hops = 0;
            var delay = _retryBackoff.DelayFor(round++);
            AgentLog.RequestRetry(_logger, method.Method, url, attempt + 1, failure, delay);
            await Task.Delay(delay, cancellationToken);
        }
    }

    private static bool IsTransient(HttpStatusCode code) => code == HttpStatusCode.TooManyRequests || IsServerFailure(code);

    // Answers that say the server, not the request, is in trouble (a silo stopping or overloaded): the client moves on.
    private static bool IsServerFailure(HttpStatusCode code) =>
        code is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

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

    private static AuthenticationHeaderValue? Bearer(string? token) => token is null ? null : new AuthenticationHeaderValue("Bearer", token);
}
