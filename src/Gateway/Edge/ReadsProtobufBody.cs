namespace GitOps.Gateway.Edge;

/// <summary>
/// Endpoint metadata: this endpoint reads a protobuf body itself (kubectl sends TokenRequests and the
/// access and identity reviews only as protobuf), so <see cref="ContentTypeMiddleware"/> lets that type through to it.
/// Add it with <c>.WithMetadata(ReadsProtobufBody.Instance)</c>.
/// </summary>
public sealed class ReadsProtobufBody
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    public static ReadsProtobufBody Instance { get; } = new();

    /// <summary>Whether a request's Content-Type is Kubernetes' protobuf encoding.</summary>
    public static bool IsProtobuf(string? contentType) =>
        contentType?.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase) == true;

    private ReadsProtobufBody()
    {
    }
}
