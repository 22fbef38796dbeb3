using System.Text.Json.Serialization;

namespace GitOps.Gateway.Errors;

/// <summary>Which object a failure concerns, and its causes (Kubernetes' metav1.StatusDetails).</summary>
public sealed record StatusDetails(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("causes")] IReadOnlyList<StatusCause>? Causes = null);
