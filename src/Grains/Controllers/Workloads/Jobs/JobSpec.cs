using System.Text.Json.Nodes;
using GitOps.Model.Json;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Jobs;

/// <summary>The fields of a batch/v1 Job the controller reads, with Kubernetes' defaults.</summary>
public sealed class JobSpec(KubeObject job)
{
    /// <summary>Label the controller puts on a Job's pods: the Job's uid, which selects them.</summary>
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";

    /// <summary>Label the controller puts on a Job's pods: the Job's name.</summary>
    public const string JobNameLabel = "batch.kubernetes.io/job-name";

    private JsonObject? Spec => job.Spec;

    public int Parallelism => Math.Max(0, Spec?.GetInt("parallelism") ?? 1);

    /// <summary>Successful pods needed; unset means one success finishes the Job (each pod works on the whole task).</summary>
    public int Completions => Math.Max(1, Spec?.GetInt("completions") ?? 1);

    public int BackoffLimit => Math.Max(0, Spec?.GetInt("backoffLimit") ?? 6);

    public bool Suspend => Spec?.GetBool("suspend") ?? false;

    public PodTemplate Template => new(Spec?.GetObject("template") ?? []);
}
