using System.Text.Json.Nodes;

namespace GitOps.NodeAgent.Pods.Status;

/// <summary>One entry of <c>containerStatuses</c> / <c>initContainerStatuses</c>.</summary>
public sealed record ContainerStatusSnapshot(
    string Name,
    string Image,
    bool Ready,
    int RestartCount,
    ContainerState State,
    ContainerState? LastState,
    bool Started,
    string? ContainerId)
{
    public JsonObject ToJson()
    {
        var status = new JsonObject
        {
            ["name"] = Name,
            ["image"] = Image,
            ["imageID"] = string.IsNullOrEmpty(Image) ? "" : $"docker-pullable://{Image}",
            ["ready"] = Ready,
            ["restartCount"] = RestartCount,
            ["started"] = Started,
            ["state"] = State.ToJson(),
            ["lastState"] = LastState?.ToJson() ?? new JsonObject(),
        };
        if (ContainerId is not null)
            status["containerID"] = ContainerId;
        return status;
    }
}
