using System.Text.Json.Serialization;

namespace GitOps.Gateway.Errors;

/// <summary>One reason of a failure, e.g. the field that is invalid (Kubernetes' metav1.StatusCause).</summary>
public sealed record StatusCause(
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("field")] string? Field);
