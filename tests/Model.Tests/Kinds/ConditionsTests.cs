using System.Text.Json.Nodes;
using GitOps.Model.Kinds;

namespace GitOps.Model.Tests.Kinds;

public sealed class ConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Transition_time_moves_only_when_status_changes()
    {
        var node = Node.Create("n1");
        Assert.True(node.SetCondition(new Condition(NodeConditionTypes.Ready, ConditionStatus.True, "KubeletReady"), T0));
        Assert.Equal(T0, node.GetCondition(NodeConditionTypes.Ready)!.LastTransitionTime);

        node.SetCondition(new Condition(NodeConditionTypes.Ready, ConditionStatus.True, "KubeletReady", LastHeartbeatTime: T0.AddMinutes(1)), T0.AddMinutes(1));
        var same = node.GetCondition(NodeConditionTypes.Ready)!;
        Assert.Equal(T0, same.LastTransitionTime);
        Assert.Equal(T0.AddMinutes(1), same.LastHeartbeatTime);

        node.SetCondition(new Condition(NodeConditionTypes.Ready, ConditionStatus.Unknown, "NodeStatusUnknown"), T0.AddMinutes(2));
        Assert.Equal(T0.AddMinutes(2), node.GetCondition(NodeConditionTypes.Ready)!.LastTransitionTime);
        Assert.False(node.IsReady);
        Assert.Single(node.Conditions);
    }

    [Fact]
    public void Setting_an_unchanged_condition_reports_no_change()
    {
        var pod = Pod.Create("default", "p");
        pod.SetCondition(new Condition(PodConditionTypes.Ready, ConditionStatus.True), T0);
        Assert.False(pod.SetCondition(new Condition(PodConditionTypes.Ready, ConditionStatus.True), T0.AddHours(1)));
        Assert.True(pod.IsReady);
    }

    [Fact]
    public void Unknown_fields_of_a_condition_survive_an_update()
    {
        var status = JsonNode.Parse("""{"conditions":[{"type":"Ready","status":"False","extra":"keep"}]}""")!.AsObject();
        Conditions.Set(status, new Condition("Ready", ConditionStatus.True), T0);
        Assert.Equal("keep", status["conditions"]![0]!["extra"]!.GetValue<string>());
    }
}
