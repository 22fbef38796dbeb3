using System.Text.Json.Nodes;
using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>
/// The working state of one Deployment reconcile: the ReplicaSets it owns, which one carries the
/// current template, and the actions decided so far. Never mutates the snapshot it was built from.
/// </summary>
internal sealed partial class Rollout
{
    private readonly List<DeploymentAction> _actions = [];
    private readonly List<ReplicaSetEntry> _replicaSets;

    public Rollout(Deployment deployment, RolloutLimits limits, IEnumerable<ReplicaSet> owned, DateTimeOffset now)
    {
        Deployment = deployment;
        Limits = limits;
        Now = now;
        _replicaSets = owned.Select(rs => new ReplicaSetEntry(rs, created: false)).ToList();
        New = _replicaSets
            .Where(e => PodTemplateHash.EqualIgnoringHash(e.View.Template.Node, deployment.Template.Node))
            .OrderBy(e => e.CreatedAt)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    public Deployment Deployment { get; }

    public RolloutLimits Limits { get; }

    public DateTimeOffset Now { get; }

    public int DesiredReplicas => Math.Max(0, Deployment.Replicas);

    /// <summary>The ReplicaSet whose template is the Deployment's, if it exists (or was decided to be created).</summary>
    public ReplicaSetEntry? New { get; private set; }

    public IReadOnlyList<ReplicaSetEntry> All => _replicaSets;

    /// <summary>Every owned ReplicaSet but the new one, oldest first.</summary>
    public IReadOnlyList<ReplicaSetEntry> Old =>
        _replicaSets.Where(e => e != New).OrderBy(e => e.CreatedAt).ThenBy(e => e.Name, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<DeploymentAction> Actions => _actions;

    public bool NewReplicaSetCreated => New?.Created == true;

    public bool Scaled { get; private set; }

    public void Add(DeploymentAction action) => _actions.Add(action);

    /// <summary>
    /// Gives the new ReplicaSet (existing or created here) the next revision and the Deployment the same
    /// one, as Kubernetes' getAllReplicaSetsAndSyncRevision: reverting a template in Git makes its old
    /// ReplicaSet the newest revision again.
    /// </summary>
    public void SyncRevision(bool createIfMissing)
    {
        var newRevision = Old.Select(e => e.Revision).DefaultIfEmpty(0).Max() + 1;
        if (New is null)
        {
            if (!createIfMissing)
                return;
            CreateNew(newRevision);
        }
        else if (New.Revision < newRevision)
        {
            New.Revision = newRevision;
            _actions.Add(new SetReplicaSetRevision(New.Name, newRevision));
        }
        if (DeploymentAnnotations.RevisionOf(Deployment.Object) != New!.Revision)
            _actions.Add(new SetDeploymentRevision(New.Revision));
    }

    /// <summary>Sets a ReplicaSet's replicas; the action records the change from its snapshot value.</summary>
    public void Scale(ReplicaSetEntry entry, int replicas)
    {
        if (entry.Replicas == replicas)
            return;
        entry.Replicas = replicas;
        Scaled = true;
        if (entry.Created)
        {
            var index = _actions.FindIndex(a => a is CreateReplicaSet c && c.Name == entry.Name);
            var create = (CreateReplicaSet)_actions[index];
            create.ReplicaSet.Spec!["replicas"] = replicas;
            _actions[index] = create with { Replicas = replicas };
            return;
        }
        _actions.RemoveAll(a => a is ScaleReplicaSet s && s.Name == entry.Name);
        if (replicas != entry.OriginalReplicas)
            _actions.Add(new ScaleReplicaSet(entry.Name, entry.OriginalReplicas, replicas));
    }

    /// <summary>How many replicas the new ReplicaSet may have now (Kubernetes' NewRSNewReplicas).</summary>
    public int NewReplicaSetTarget(int current)
    {
        if (Deployment.StrategyType == Deployment.StrategyRecreate)
            return DesiredReplicas;
        var maxTotal = DesiredReplicas + Limits.MaxSurge;
        var pods = _replicaSets.Sum(e => e.Pods);
        if (pods >= maxTotal)
            return current;
        return current + Math.Max(0, Math.Min(maxTotal - pods, DesiredReplicas - current));
    }

    private void CreateNew(long revision)
    {
        var hash = PodTemplateHash.Compute(Deployment.Template.Node, Deployment.CollisionCount);
        var replicaSet = ReplicaSet.Create(Deployment.Namespace, $"{Deployment.Name}-{hash}");
        var template = (JsonObject)Deployment.Template.Node.DeepClone();
        template.EnsurePath("metadata", "labels")[WellKnownLabels.PodTemplateHash] = hash;
        foreach (var (key, value) in template.EnsurePath("metadata").GetStringMap("labels"))
            replicaSet.Metadata.SetLabel(key, value);
        replicaSet.Metadata.SetAnnotation(DeploymentAnnotations.Revision, DeploymentAnnotations.Format(revision));
        replicaSet.Metadata.SetOwnerReferences([Ownership.ControllerReferenceTo(Deployment.Object)]);
        // The first step of the rollout is taken at creation, as Kubernetes sizes a new ReplicaSet.
        var replicas = NewReplicaSetTarget(0);
        var spec = replicaSet.Object.EnsureSpec();
        spec["replicas"] = replicas;
        if (Deployment.MinReadySeconds > 0)
            spec["minReadySeconds"] = Deployment.MinReadySeconds;
        var selector = Deployment.Object.Spec?["selector"]?.DeepClone() as JsonObject ?? [];
        selector.EnsureObject("matchLabels")[WellKnownLabels.PodTemplateHash] = hash;
        spec["selector"] = selector;
        spec["template"] = template;

        var entry = new ReplicaSetEntry(replicaSet, created: true) { Replicas = replicas, Revision = revision };
        _replicaSets.Add(entry);
        New = entry;
        _actions.Add(new CreateReplicaSet(replicaSet.Name, replicas, revision, replicaSet.Object));
    }
}
