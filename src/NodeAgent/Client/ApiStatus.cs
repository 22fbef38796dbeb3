using System.Text.Json.Nodes;

namespace GitOps.NodeAgent.Client;

/// <summary>The parts of a Kubernetes <c>Status</c> error object the agent acts on.</summary>
public sealed record ApiStatus(int Code, string Reason, string Message)
{
    /// <summary>Reads a Status object; falls back to the HTTP code and raw body when the body is not one.</summary>
    public static ApiStatus From(int httpCode, JsonNode? body, string rawBody)
    {
        if (body is JsonObject obj && obj["kind"]?.GetValue<string>() == "Status")
        {
            var code = obj["code"] is JsonValue c && c.TryGetValue<int>(out var parsed) ? parsed : httpCode;
            return new ApiStatus(code, obj["reason"]?.GetValue<string>() ?? "", obj["message"]?.GetValue<string>() ?? "");
        }
        var message = rawBody.Length > 500 ? rawBody[..500] : rawBody;
        return new ApiStatus(httpCode, "", message);
    }

    public override string ToString() =>
        string.IsNullOrEmpty(Reason) ? $"{Code}: {Message}" : $"{Code} {Reason}: {Message}";
}
