using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using static GitOps.Grains.Health.StatusFields;

namespace GitOps.Grains.Health;

/// <summary>Pod health: phase, readiness and container states, as Argo CD reads them.</summary>
internal static class PodHealth
{
    public static HealthStatus Pod(KubeObject pod)
    {
        var status = pod.Status;
        var message = String(status, "message");
        var restartPolicy = String(pod.Spec, "restartPolicy") is { Length: > 0 } policy ? policy : "Always";

        // Only long-running pods are judged by waiting reasons: a hook pod (OnFailure/Never) that
        // waits on an image must not fail a sync before its problem clears.
        if (restartPolicy == "Always")
        {
            var waitingErrors = Objects(status, "containerStatuses")
                .Select(c => At(c, "state", "waiting"))
                .Where(w => IsErrorReason(String(w, "reason")))
                .Select(w => String(w, "message") is { Length: > 0 } m ? m : String(w, "reason"))
                .ToArray();
            if (waitingErrors.Length > 0)
                return HealthStatus.Degraded(string.Join(", ", waitingErrors));
        }

        switch (String(status, "phase"))
        {
            case "Pending":
                return HealthStatus.Progressing(message);
            case "Succeeded":
                return HealthStatus.Healthy(message);
            case "Failed":
                if (message.Length > 0)
                    return HealthStatus.Degraded(message);
                var failure = Objects(status, "initContainerStatuses")
                    .Concat(Objects(status, "containerStatuses"))
                    .Select(FailureMessage)
                    .FirstOrDefault(m => m.Length > 0);
                return HealthStatus.Degraded(failure ?? "");
            case "Running" when restartPolicy == "Always":
                if (Condition(status, "Ready") is { Status: "True" })
                    return HealthStatus.Healthy(message);
                return Objects(status, "containerStatuses").Any(c => At(c, "lastState", "terminated") is not null)
                    ? HealthStatus.Degraded(message)
                    : HealthStatus.Progressing(message);
            case "Running":
                // Pods that run to completion are typically hooks: running means not done yet.
                return HealthStatus.Progressing(message);
            default:
                return HealthStatus.Unknown(message);
        }
    }

    private static bool IsErrorReason(string reason) =>
        reason.StartsWith("Err", StringComparison.Ordinal)
        || reason.EndsWith("Error", StringComparison.Ordinal)
        || reason.EndsWith("BackOff", StringComparison.Ordinal);

    private static string FailureMessage(JsonObject containerStatus)
    {
        if (At(containerStatus, "state", "terminated") is not JsonObject terminated)
            return "";
        if (String(terminated, "message") is { Length: > 0 } message)
            return message;
        if (String(terminated, "reason") == "OOMKilled")
            return "OOMKilled";
        var exitCode = Long(terminated, "exitCode") ?? 0;
        return exitCode != 0 ? $"container \"{String(containerStatus, "name")}\" failed with exit code {exitCode}" : "";
    }
}
