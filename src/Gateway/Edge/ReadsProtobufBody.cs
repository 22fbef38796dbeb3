namespace GitOps.Gateway.Edge;

/// <summary>
/// Endpoint metadata: this endpoint reads a protobuf body itself (kubectl sends TokenRequests and the
/// access and identity reviews only as protobuf), so <see cref="ContentTypeMiddleware"/> lets that type through to it.
/// Add it with <c>.WithMetadata(ReadsProtobufBody.Instance)</c>.
/// </summary>
public sealed class ReadsProtobufBody
{
    public static ReadsProtobufBody Instance { get; } = new();

    private ReadsProtobufBody()
    {
    }
}
