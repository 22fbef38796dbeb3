namespace GitOps.Grains.Controllers.GarbageCollection;

/// <summary>
/// Decides, as a pure function of the ownership graph, what to do for one object whose state may have
/// changed, following Kubernetes' garbage collector:
/// <list type="bullet">
/// <item>being deleted with the <c>orphan</c> finalizer: remove the references of its dependents to it,
/// then the finalizer;</item>
/// <item>being deleted with <c>foregroundDeletion</c>: delete its dependents (in the foreground when they
/// have dependents themselves), and remove the finalizer once no dependent with blockOwnerDeletion is left;</item>
/// <item>otherwise, when every owner it references is gone, delete it (background); when only some are,
/// remove the references to those.</item>
/// </list>
/// </summary>
public static class GarbageCollectionPlanner
{
    /// <param name="existingOwnersOutsideGraph">Owner uids not in the graph that were verified to exist in the store.</param>
    public static IReadOnlyList<GcAction> Plan(string uid, OwnershipGraph graph, IReadOnlySet<string> existingOwnersOutsideGraph)
    {
        if (graph.Find(uid) is not { } node)
            return [];
        if (node.BeingDeleted && node.HasFinalizer(Finalizers.Orphan))
            return PlanOrphan(node, graph);
        if (node.BeingDeleted && node.HasFinalizer(Finalizers.ForegroundDeletion))
            return PlanForeground(node, graph);
        if (node.BeingDeleted || node.Owners.Count == 0)
            return [];

        var dangling = node.Owners
            .Where(o => graph.Find(o.Uid) is null && !existingOwnersOutsideGraph.Contains(o.Uid))
            .Select(o => o.Uid)
            .Distinct()
            .ToArray();
        if (dangling.Length == 0)
            return [];
        if (dangling.Length == node.Owners.Select(o => o.Uid).Distinct().Count())
            return [GcAction.Delete(node, Finalizers.PolicyBackground)];
        return [GcAction.RemoveOwners(node, dangling)];
    }

    private static IReadOnlyList<GcAction> PlanOrphan(GraphNode node, OwnershipGraph graph)
    {
        var actions = graph.DependentsOf(node.Uid)
            .Select(graph.Find)
            .OfType<GraphNode>()
            .Select(dependent => GcAction.RemoveOwners(dependent, [node.Uid]))
            .ToList();
        if (actions.Count == 0)
            actions.Add(GcAction.RemoveFinalizer(node, Finalizers.Orphan));
        return actions;
    }

    private static IReadOnlyList<GcAction> PlanForeground(GraphNode node, OwnershipGraph graph)
    {
        var actions = new List<GcAction>();
        var blocking = 0;
        foreach (var dependent in graph.DependentsOf(node.Uid).Select(graph.Find).OfType<GraphNode>())
        {
            if (dependent.Owners.Any(o => o.Uid == node.Uid && o.BlockOwnerDeletion))
                blocking++;
            if (!dependent.BeingDeleted)
            {
                var policy = graph.DependentsOf(dependent.Uid).Count > 0 ? Finalizers.PolicyForeground : Finalizers.PolicyBackground;
                actions.Add(GcAction.Delete(dependent, policy));
            }
        }
        if (blocking == 0)
            actions.Add(GcAction.RemoveFinalizer(node, Finalizers.ForegroundDeletion));
        return actions;
    }
}
