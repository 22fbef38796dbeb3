using System.Text.Json.Nodes;

namespace GitOps.NodeAgent.Client;

/// <summary>The body of a DELETE: grace period, a uid precondition, and the propagation policy.</summary>
public sealed record DeleteOptions(long? GracePeriodSeconds = null, string? PreconditionUid = null, string? PropagationPolicy = null)
{
    internal JsonObject ToJson()
    {
        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1" };
        if (GracePeriodSeconds is { } grace)
            body["gracePeriodSeconds"] = grace;
        if (PreconditionUid is not null)
            body["preconditions"] = new JsonObject { ["uid"] = PreconditionUid };
        if (PropagationPolicy is not null)
            body["propagationPolicy"] = PropagationPolicy;
        return body;
    }
}
