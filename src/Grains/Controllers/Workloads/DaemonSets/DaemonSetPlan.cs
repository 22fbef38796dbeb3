using System.Text.Json.Nodes;
using GitOps.Model.Kinds;

namespace GitOps.Grains.Controllers.Workloads.DaemonSets;

/// <summary>What one DaemonSet reconcile must do: create a pod on each listed node, delete pods, and the new status.</summary>
public sealed record DaemonSetPlan(IReadOnlyList<string> CreateOn, IReadOnlyList<Pod> Delete, JsonObject Status);
