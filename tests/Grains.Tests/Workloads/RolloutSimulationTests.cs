using GitOps.Grains.Controllers.Workloads.Deployments;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using static GitOps.Grains.Tests.Workloads.Objects;

namespace GitOps.Grains.Tests.Workloads;

/// <summary>
/// Drives the Deployment planner against a simulated ReplicaSet controller and kubelet that act in
/// random order (stale ReplicaSet status included), and checks the rollout bounds on the actual pods
/// after every single step.
/// </summary>
public sealed class RolloutSimulationTests
{
    [Theory]
    [InlineData(3, 1, 0, 1)]
    [InlineData(3, 0, 1, 2)]
    [InlineData(10, "25%", "25%", 3)]
    [InlineData(5, 2, 2, 4)]
    [InlineData(1, 1, 0, 5)]
    public void Rolling_update_never_exceeds_surge_nor_drops_below_min_available_at_any_step(int replicas, object surge, object unavailable, int seed)
    {
        var maxSurge = surge is int s ? IntOrString.FromInt(s) : IntOrString.FromString((string)surge);
        var maxUnavailable = unavailable is int u ? IntOrString.FromInt(u) : IntOrString.FromString((string)unavailable);
        var v1 = Deployment(replicas: replicas, maxSurge: maxSurge, maxUnavailable: maxUnavailable);
        var limits = RolloutLimits.Resolve(new Deployment(v1));
        var world = new World(new Random(seed));
        world.Add(ReplicaSetFor(v1, replicas, replicas, revision: 1), readyPods: replicas);
        var deployment = WithImage(v1, "nginx:2");

        for (var step = 0; step < 5000 && !world.Complete(deployment, replicas); step++)
        {
            switch (world.Random.Next(3))
            {
                case 0:
                    deployment = world.ReconcileDeployment(deployment);
                    break;
                case 1:
                    world.ReconcileRandomReplicaSet();
                    break;
                default:
                    world.MakeRandomPodReady();
                    break;
            }
            Assert.True(world.Pods <= replicas + limits.MaxSurge, $"step {step}: {world.Pods} pods > {replicas}+{limits.MaxSurge}");
            Assert.True(world.ReadyPods >= replicas - limits.MaxUnavailable, $"step {step}: {world.ReadyPods} available < {replicas}-{limits.MaxUnavailable}");
        }
        Assert.True(world.Complete(deployment, replicas), "the rollout did not complete within 5000 steps");
    }

    private sealed class World(Random random)
    {
        private readonly Dictionary<string, (KubeObject ReplicaSet, int Pods, int Ready)> _sets = [];
        private int _uid;

        public Random Random { get; } = random;

        public int Pods => _sets.Values.Sum(s => s.Pods);

        public int ReadyPods => _sets.Values.Sum(s => s.Ready);

        public void Add(KubeObject replicaSet, int readyPods) => _sets[replicaSet.Metadata.Name!] = (replicaSet, readyPods, readyPods);

        public bool Complete(KubeObject deployment, int replicas)
        {
            var template = new Deployment(deployment.DeepClone()).Template.Node;
            return _sets.Values.All(s =>
                PodTemplateHash.EqualIgnoringHash(new ReplicaSet(s.ReplicaSet.DeepClone()).Template.Node, template)
                    ? s.Pods == replicas && s.Ready == replicas
                    : s.Pods == 0);
        }

        public KubeObject ReconcileDeployment(KubeObject deployment)
        {
            var plan = DeploymentPlanner.Plan(new DeploymentSnapshot(deployment, _sets.Values.Select(s => s.ReplicaSet).ToArray(), []), Now);
            foreach (var action in plan.Actions)
            {
                switch (action)
                {
                    case CreateReplicaSet create:
                        var created = create.ReplicaSet.DeepClone();
                        created.Metadata.Uid = $"uid-{++_uid}";
                        created.Metadata.Generation = 1;
                        created.Metadata.CreationTimestamp = Now.AddSeconds(_uid);
                        Add(created, 0);
                        break;
                    case ScaleReplicaSet scale:
                        var entry = _sets[scale.Name];
                        var scaled = new ReplicaSet(entry.ReplicaSet.DeepClone()) { Replicas = scale.To };
                        scaled.Metadata.Generation++;
                        _sets[scale.Name] = entry with { ReplicaSet = scaled.Object };
                        break;
                }
            }
            return plan.StatusUpdate ?? deployment;
        }

        /// <summary>Creates or deletes pods (unready ones first) to match spec, then reports status, as the ReplicaSet controller does.</summary>
        public void ReconcileRandomReplicaSet()
        {
            var name = _sets.Keys.ElementAt(Random.Next(_sets.Count));
            var (replicaSet, pods, ready) = _sets[name];
            var view = new ReplicaSet(replicaSet.DeepClone());
            var target = view.Replicas;
            if (pods > target)
            {
                var excess = pods - target;
                var unready = Math.Min(excess, pods - ready);
                ready -= excess - unready;
            }
            pods = target;
            view.StatusReplicas = pods;
            view.ReadyReplicas = ready;
            view.AvailableReplicas = ready;
            view.ObservedGeneration = view.Metadata.Generation;
            _sets[name] = (view.Object, pods, ready);
        }

        public void MakeRandomPodReady()
        {
            var waiting = _sets.Where(s => s.Value.Pods > s.Value.Ready).Select(s => s.Key).ToArray();
            if (waiting.Length == 0)
                return;
            var name = waiting[Random.Next(waiting.Length)];
            _sets[name] = _sets[name] with { Ready = _sets[name].Ready + 1 };
        }
    }
}
