namespace GitOps.NodeAgent.Client;

/// <summary>An API answer the caller cannot go on from (after retries), with the HTTP status code.</summary>
public sealed class KubeApiException(string message, int statusCode, Exception? inner = null) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;
}
