using System.Text.Json.Nodes;
using GitOps.Model.Kinds;

namespace GitOps.Grains.Controllers.Workloads.Jobs;

/// <summary>What one Job reconcile must do: create pods, delete pods (suspended, finished or over parallelism), and the new status.</summary>
public sealed record JobPlan(int CreateCount, IReadOnlyList<Pod> Delete, JsonObject Status);
