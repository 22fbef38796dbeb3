namespace GitOps.NodeAgent.Client;

/// <summary>How the agent reaches the API server.</summary>
public sealed class KubeClientOptions
{
    public const int DefaultMaxConcurrentRequests = 64;
    public const int DefaultMaxAttempts = 5;
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultRetryInitialDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DefaultRetryMaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The API servers' base addresses (e.g. the silos of one cluster, each serving the whole API),
    /// in the order they are used: requests go to the first until it fails (no connection, a
    /// timeout, a 5xx answer), then to the next, wrapping round.
    /// </summary>
    public IReadOnlyList<Uri> Servers { get; set; } = [new("http://127.0.0.1:8080")];

    /// <summary>A single API server, e.g. http://127.0.0.1:8080: setting it sets <see cref="Servers"/> to that one; reading it gives the first.</summary>
    public Uri Server
    {
        get => Servers[0];
        set => Servers = [value];
    }

    /// <summary>Requests in flight at once (watches excluded); bounds the load a large fleet puts on the server.</summary>
    public int MaxConcurrentRequests { get; set; } = DefaultMaxConcurrentRequests;

    /// <summary>
    /// Attempts of one request on connection failures, 429 and 5xx answers, per server: with several
    /// servers a request tries each in turn before it backs off, up to this many rounds.
    /// </summary>
    public int MaxAttempts { get; set; } = DefaultMaxAttempts;

    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>The bearer tokens sent (Authorization: Bearer): the agent's, and each node's for the requests made for it (<see cref="KubeClient.ForNode"/>).</summary>
    public AgentCredentials Credentials { get; set; } = AgentCredentials.None;

    public TimeSpan RetryInitialDelay { get; set; } = DefaultRetryInitialDelay;

    public TimeSpan RetryMaxDelay { get; set; } = DefaultRetryMaxDelay;

    /// <summary>Problems with these settings, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Servers.Count == 0)
            errors.Add("Servers is empty; give at least one API server URL, e.g. http://127.0.0.1:8080.");
        foreach (var server in Servers)
        {
            if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
                errors.Add($"Server '{server}' must be an absolute http:// or https:// URL.");
        }
        foreach (var duplicate in Servers.GroupBy(s => s).Where(g => g.Count() > 1))
            errors.Add($"Server '{duplicate.Key}' is listed {duplicate.Count()} times; list each API server once.");
        if (MaxConcurrentRequests < 1)
            errors.Add($"MaxConcurrentRequests is {MaxConcurrentRequests}; it must be at least 1.");
        if (MaxAttempts < 1)
            errors.Add($"MaxAttempts is {MaxAttempts}; it must be at least 1.");
        if (RequestTimeout <= TimeSpan.Zero)
            errors.Add($"RequestTimeout is {RequestTimeout}; it must be positive.");
        if (RetryInitialDelay <= TimeSpan.Zero || RetryMaxDelay < RetryInitialDelay)
            errors.Add($"RetryInitialDelay ({RetryInitialDelay}) must be positive and at most RetryMaxDelay ({RetryMaxDelay}).");
        return errors;
    }
}
