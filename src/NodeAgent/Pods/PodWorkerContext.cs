using GitOps.Model.Objects;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Nodes;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Pods;

/// <summary>What a pod worker needs: the pod as first seen, its node, the API, the status writer and the agent's clock.</summary>
public sealed record PodWorkerContext(KubeObject Pod, ManagedNode Node, KubeClient Client, PodStatusWriter StatusWriter, TimeProvider Time, ILogger Logger);
