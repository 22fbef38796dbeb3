namespace GitOps.Bench.Scenarios;

/// <summary>The soak's size and pace, from its command-line options.</summary>
internal sealed record SoakSettings(
    TimeSpan Duration,
    TimeSpan WarmUp,
    TimeSpan SampleInterval,
    int GitDeployments,
    int ApiDeployments,
    int Agents,
    int NodesPerAgent,
    TimeSpan CommitInterval,
    TimeSpan ScaleInterval,
    TimeSpan PodDeleteInterval,
    TimeSpan AgentKillInterval,
    TimeSpan AgentDowntime);
