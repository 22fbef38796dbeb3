namespace GitOps.Grains.Controllers.Scheduling;

/// <summary>
/// Picks a node for one pod: filters nodes starting where the previous search stopped, stops once
/// enough feasible nodes are found (kube-scheduler's percentageOfNodesToScore: all nodes below 100,
/// adaptive above), scores those and takes the best (a random one among equals). When no node fits it explains why per node, in
/// kube-scheduler's words. Not thread-safe: one per scheduler.
/// </summary>
public sealed class SchedulingAlgorithm(int percentageOfNodesToScore = 0, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private const int MinFeasibleNodesToFind = 100;
    private const int MinFeasibleNodesPercentageToFind = 5;

    private readonly List<SchedulingNode> _feasible = [];
    private int _nextStartIndex;

    public SchedulingDecision Schedule(PodRequirements pod, IReadOnlyList<SchedulingNode> nodes)
    {
        if (nodes.Count == 0)
            return SchedulingDecision.Unschedulable("no nodes available to schedule pods");
        FindFeasible(pod, nodes);
        if (_feasible.Count == 0)
            return SchedulingDecision.Unschedulable(Explain(pod, nodes));

        var mostOwnerPods = 0;
        if (pod.OwnerUid is not null)
        {
            foreach (var node in _feasible)
                mostOwnerPods = Math.Max(mostOwnerPods, node.PodsOf(pod.OwnerUid));
        }
        // Ties are broken at random (reservoir sampling), as kube-scheduler does, so equal nodes share the load.
        SchedulingNode? best = null;
        var bestScore = long.MinValue;
        var ties = 0;
        foreach (var node in _feasible)
        {
            var score = SchedulingScores.Total(pod, node, mostOwnerPods);
            if (score > bestScore)
            {
                best = node;
                bestScore = score;
                ties = 1;
            }
            else if (score == bestScore && _random.Next(++ties) == 0)
            {
                best = node;
            }
        }
        _feasible.Clear();
        return SchedulingDecision.Bind(best!.Name);
    }

    /// <summary>How many feasible nodes are enough to stop searching among <paramref name="nodeCount"/>.</summary>
    public int FeasibleNodesToFind(int nodeCount)
    {
        if (nodeCount < MinFeasibleNodesToFind || percentageOfNodesToScore >= 100)
            return nodeCount;
        var percentage = percentageOfNodesToScore > 0
            ? percentageOfNodesToScore
            : Math.Max(MinFeasibleNodesPercentageToFind, 50 - nodeCount / 125);
        return Math.Max(MinFeasibleNodesToFind, nodeCount * percentage / 100);
    }

    private void FindFeasible(PodRequirements pod, IReadOnlyList<SchedulingNode> nodes)
    {
        _feasible.Clear();
        var toFind = FeasibleNodesToFind(nodes.Count);
        var start = _nextStartIndex % nodes.Count;
        var examined = 0;
        while (examined < nodes.Count && _feasible.Count < toFind)
        {
            var node = nodes[(start + examined) % nodes.Count];
            examined++;
            if (SchedulingFilters.Fits(pod, node))
                _feasible.Add(node);
        }
        _nextStartIndex = (start + examined) % nodes.Count;
    }

    /// <summary>"0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint {...}." — most frequent reason first.</summary>
    public static string Explain(PodRequirements pod, IReadOnlyList<SchedulingNode> nodes)
    {
        var histogram = new Dictionary<string, int>(StringComparer.Ordinal);
        var reasons = new List<string>();
        foreach (var node in nodes)
        {
            reasons.Clear();
            SchedulingFilters.Diagnose(pod, node, reasons);
            foreach (var reason in reasons)
                histogram[reason] = histogram.GetValueOrDefault(reason) + 1;
        }
        var parts = histogram
            .OrderByDescending(r => r.Value)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => $"{r.Value} {r.Key}");
        return $"0/{nodes.Count} nodes are available: {string.Join(", ", parts)}.";
    }
}
