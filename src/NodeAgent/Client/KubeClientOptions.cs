namespace GitOps.NodeAgent.Client;

/// <summary>How the agent reaches the API server.</summary>
public sealed class KubeClientOptions
{
    public const int DefaultMaxConcurrentRequests = 64;
    public const int DefaultMaxAttempts = 5;
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultRetryInitialDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DefaultRetryMaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>The API server's base address, e.g. http://127.0.0.1:8080.</summary>
    public Uri Server { get; set; } = new("http://127.0.0.1:8080");

    /// <summary>Requests in flight at once (watches excluded); bounds the load a large fleet puts on the server.</summary>
    public int MaxConcurrentRequests { get; set; } = DefaultMaxConcurrentRequests;

    /// <summary>Attempts of one request on connection failures, 429 and 5xx answers.</summary>
    public int MaxAttempts { get; set; } = DefaultMaxAttempts;

    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    public TimeSpan RetryInitialDelay { get; set; } = DefaultRetryInitialDelay;

    public TimeSpan RetryMaxDelay { get; set; } = DefaultRetryMaxDelay;

    /// <summary>Problems with these settings, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Server.IsAbsoluteUri || (Server.Scheme != Uri.UriSchemeHttp && Server.Scheme != Uri.UriSchemeHttps))
            errors.Add($"Server '{Server}' must be an absolute http:// or https:// URL.");
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
