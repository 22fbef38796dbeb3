using GitOps.Model.Objects;

namespace GitOps.NodeAgent.Client;

/// <summary>
/// The answer to one API call: the object on success, otherwise the Status error. Not found,
/// conflict and already-exists are ordinary answers here, not exceptions.
/// </summary>
public sealed record ApiResult(int StatusCode, KubeObject? Object, ApiStatus? Error)
{
    /// <summary>The API server that gave this answer (the last one tried); null when none was reached.</summary>
    public Uri? Server { get; init; }

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public bool IsNotFound => StatusCode == 404;

    public bool IsConflict => StatusCode == 409 && Error?.Reason != "AlreadyExists";

    public bool IsAlreadyExists => StatusCode == 409 && Error?.Reason == "AlreadyExists";

    public bool IsGone => StatusCode == 410;

    /// <summary>The object of a successful call; throws, naming the call's error, otherwise.</summary>
    public KubeObject Required(string what) =>
        IsSuccess && Object is not null
            ? Object
            : throw new KubeApiException($"{what} failed: {Error?.ToString() ?? $"HTTP {StatusCode}"}", StatusCode);
}
