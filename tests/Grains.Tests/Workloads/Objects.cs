using GitOps.Grains.Controllers.Workloads.Deployments;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Tests.Workloads;

/// <summary>Snapshots for the planner tests, shaped as the store would hold them.</summary>
internal static class Objects
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static KubeObject Deployment(
        string name = "web", int replicas = 3, string image = "nginx:1", string strategy = "RollingUpdate",
        IntOrString? maxSurge = null, IntOrString? maxUnavailable = null, int? revisionHistoryLimit = null,
        bool paused = false, int? progressDeadlineSeconds = null)
    {
        var deployment = GitOps.Model.Kinds.Deployment.Create("default", name);
        deployment.Metadata.Uid = $"uid-{name}";
        deployment.Metadata.Generation = 1;
        deployment.Metadata.CreationTimestamp = Now.AddHours(-1);
        deployment.Replicas = replicas;
        deployment.Object.EnsureSpec()["selector"] = new System.Text.Json.Nodes.JsonObject
        {
            ["matchLabels"] = new System.Text.Json.Nodes.JsonObject { ["app"] = name },
        };
        deployment.Template.Metadata.SetLabel("app", name);
        deployment.Template.Spec.AddContainer("main", image).Ports = [new ContainerPort(8080, "http")];
        deployment.StrategyType = strategy;
        if (maxSurge is { } surge)
            deployment.MaxSurge = surge;
        if (maxUnavailable is { } unavailable)
            deployment.MaxUnavailable = unavailable;
        if (revisionHistoryLimit is { } limit)
            deployment.RevisionHistoryLimit = limit;
        if (paused)
            deployment.Paused = true;
        if (progressDeadlineSeconds is { } deadline)
            deployment.ProgressDeadlineSeconds = deadline;
        return deployment.Object;
    }

    /// <summary>The deployment with another image: a new pod template, as a commit in Git would make it.</summary>
    public static KubeObject WithImage(KubeObject deployment, string image)
    {
        var copy = new Deployment(deployment.DeepClone());
        copy.Template.Spec.Containers[0].Image = image;
        copy.Metadata.Generation++;
        return copy.Object;
    }

    /// <summary>The ReplicaSet the controller creates for <paramref name="deployment"/>'s template, as stored, with the given counts.</summary>
    public static KubeObject ReplicaSetFor(KubeObject deployment, int replicas, int available, long revision, int ageMinutes = 30, int? statusReplicas = null)
    {
        var plan = DeploymentPlanner.Plan(new DeploymentSnapshot(deployment, [], []), Now);
        var create = plan.Actions.OfType<CreateReplicaSet>().Single();
        var replicaSet = new ReplicaSet(create.ReplicaSet.DeepClone());
        replicaSet.Metadata.Uid = $"uid-{replicaSet.Name}";
        replicaSet.Metadata.Generation = 1;
        replicaSet.Metadata.CreationTimestamp = Now.AddMinutes(-ageMinutes);
        replicaSet.Metadata.SetAnnotation(DeploymentAnnotations.Revision, revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        replicaSet.Replicas = replicas;
        replicaSet.StatusReplicas = statusReplicas ?? replicas;
        replicaSet.ReadyReplicas = available;
        replicaSet.AvailableReplicas = available;
        replicaSet.ObservedGeneration = 1;
        return replicaSet.Object;
    }

    public static KubeObject Pod(
        KubeObject? owner, string name, string? node = "node-1", string phase = PodPhase.Running, bool ready = true,
        int ageMinutes = 10, string? ip = "10.0.0.1", bool terminating = false, string app = "web", DateTimeOffset? readySince = null)
    {
        var pod = GitOps.Model.Kinds.Pod.Create("default", name);
        pod.Metadata.Uid = $"uid-{name}";
        pod.Metadata.CreationTimestamp = Now.AddMinutes(-ageMinutes);
        pod.Metadata.SetLabel("app", app);
        if (owner is not null)
        {
            foreach (var (key, value) in new ReplicaSet(owner.DeepClone()).Template.Labels)
                pod.Metadata.SetLabel(key, value);
            pod.Metadata.SetOwnerReferences([GitOps.Grains.Controllers.Infrastructure.Ownership.ControllerReferenceTo(owner)]);
        }
        pod.Spec.AddContainer("main", "nginx").Ports = [new ContainerPort(8080, "http")];
        pod.NodeName = node;
        pod.Phase = phase;
        pod.PodIP = ip;
        pod.SetCondition(new Condition(PodConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False), readySince ?? Now.AddMinutes(-ageMinutes));
        if (terminating)
            pod.Metadata.DeletionTimestamp = Now;
        return pod.Object;
    }

    public static string? Revision(KubeObject obj) => obj.Metadata.GetAnnotation(DeploymentAnnotations.Revision);

    public static Condition? Condition(KubeObject? obj, string type) => GitOps.Model.Kinds.Conditions.Get(obj?.Status, type);

    public static long? StatusField(KubeObject obj, string field) => obj.Status?.GetLong(field);
}
