using System.Text.Json.Serialization;

namespace GitOps.Gateway.Errors;

/// <summary>Which object a failure concerns, its causes, and when to retry (Kubernetes' metav1.StatusDetails).</summary>
public sealed record StatusDetails(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("causes")] IReadOnlyList<StatusCause>? Causes = null,
    [property: JsonPropertyName("retryAfterSeconds")] int? RetryAfterSeconds = null);
