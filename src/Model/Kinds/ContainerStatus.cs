using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>One entry of <c>status.containerStatuses</c>.</summary>
public sealed record ContainerStatus(
    string Name,
    bool Ready,
    int RestartCount = 0,
    string? Image = null,
    string? ContainerId = null,
    bool? Started = null,
    ContainerState? State = null,
    ContainerState? LastState = null)
{
    public static ContainerStatus FromJson(JsonObject node) => new(
        node.GetString("name") ?? "",
        node.GetBool("ready") ?? false,
        node.GetInt("restartCount") ?? 0,
        node.GetString("image"),
        node.GetString("containerID"),
        node.GetBool("started"),
        ContainerState.FromJson(node.GetObject("state")),
        ContainerState.FromJson(node.GetObject("lastState")));

    public JsonObject ToJson()
    {
        var node = new JsonObject { ["name"] = Name, ["ready"] = Ready, ["restartCount"] = RestartCount };
        node.SetString("image", Image);
        node.SetString("containerID", ContainerId);
        node.SetBool("started", Started);
        if (State is not null)
            node["state"] = State.ToJson();
        if (LastState is not null)
            node["lastState"] = LastState.ToJson();
        return node;
    }
}
