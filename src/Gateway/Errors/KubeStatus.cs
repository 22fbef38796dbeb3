using System.Text.Json;
using System.Text.Json.Serialization;
using GitOps.Gateway.Registry;

namespace GitOps.Gateway.Errors;

/// <summary>
/// A Kubernetes <c>Status</c> object (kind Status, apiVersion v1): the body of every error answer
/// and of the ERROR watch event. Factories name the object at fault the way the apiserver does.
/// </summary>
public sealed record KubeStatus(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details")] StatusDetails? Details = null)
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [JsonPropertyName("kind")]
    public string Kind => "Status";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion => "v1";

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; } = new Dictionary<string, string>();

    [JsonPropertyName("status")]
    public string Status => Code is >= 200 and < 300 ? "Success" : "Failure";

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, SerializerOptions);

    public static KubeStatus NotFound(ApiResource resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedPlural} \"{name}\" not found", DetailsOf(resource, name));

    public static KubeStatus NotFound(string message) => new(404, "NotFound", message);

    public static KubeStatus AlreadyExists(ApiResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedPlural} \"{name}\" already exists", DetailsOf(resource, name));

    public static KubeStatus Conflict(ApiResource resource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedPlural} \"{name}\": {why}", DetailsOf(resource, name));

    public static KubeStatus Invalid(ApiResource resource, string name, IReadOnlyList<StatusCause> causes)
    {
        var summary = string.Join(", ", causes.Select(c => c.Field is null ? c.Message : $"{c.Field}: {c.Message}"));
        return new(422, "Invalid", $"{resource.Kind} \"{name}\" is invalid: {summary}",
            new StatusDetails(name, resource.Group, resource.Kind, causes));
    }

    public static KubeStatus BadRequest(string message) => new(400, "BadRequest", message);

    public static KubeStatus Forbidden(ApiResource resource, string name, string why) =>
        new(403, "Forbidden", $"{resource.QualifiedPlural} \"{name}\" is forbidden: {why}", DetailsOf(resource, name));

    public static KubeStatus MethodNotAllowed(string method, string path) =>
        new(405, "MethodNotAllowed", $"the server does not allow the method {method} on {path}");

    public static KubeStatus Expired(string message) => new(410, "Expired", message);

    public static KubeStatus RequestEntityTooLarge(long limit) =>
        new(413, "RequestEntityTooLarge", $"the request body is larger than the limit of {limit} bytes (setting Gateway:MaxRequestBodyBytes)");

    public static KubeStatus UnsupportedMediaType(string? contentType, IEnumerable<string> supported) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format ({contentType ?? "none"}); accepted: {string.Join(", ", supported)}");

    /// <summary>A limit of this silo was reached (429); the client waits <paramref name="retryAfterSeconds"/> and retries, as it does for the apiserver's max-in-flight.</summary>
    public static KubeStatus TooManyRequests(string message, int retryAfterSeconds) =>
        new(429, "TooManyRequests", message, new StatusDetails(null, null, null, null, retryAfterSeconds));

    public static KubeStatus InternalError(string message) => new(500, "InternalError", message);

    public static KubeStatus ServiceUnavailable(string message) => new(503, "ServiceUnavailable", message);

    private static StatusDetails DetailsOf(ApiResource resource, string name) => new(name, resource.Group, resource.Plural);
}
