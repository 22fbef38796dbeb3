using System.Text.Json.Nodes;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.DaemonSets;

/// <summary>
/// What one DaemonSet reconcile must do: adopt orphans its selector matches, release pods it controls
/// that no longer match, create a pod on each listed node, delete pods, and the new status.
/// </summary>
public sealed record DaemonSetPlan(
    IReadOnlyList<KubeObject> Adopt,
    IReadOnlyList<KubeObject> Release,
    IReadOnlyList<string> CreateOn,
    IReadOnlyList<Pod> Delete,
    JsonObject Status);
