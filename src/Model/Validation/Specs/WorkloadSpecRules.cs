using System.Text.Json.Nodes;
using GitOps.Model.Json;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;

namespace GitOps.Model.Validation.Specs;

/// <summary>The spec checks of the workload kinds: selectors, pod templates, replica counts, schedules.</summary>
public static class WorkloadSpecRules
{
    private static readonly IReadOnlyList<string> AlwaysRestart = ["Always"];
    private static readonly IReadOnlyList<string> JobRestart = ["OnFailure", "Never"];

    /// <summary>Deployment, ReplicaSet and StatefulSet: replicas, selector, template labels and pod spec.</summary>
    public static void ReplicatedController(KubeObject obj, List<FieldError> errors)
    {
        if (obj.Spec is not { } spec)
        {
            errors.Add(new FieldError("spec", "Required value: a selector and a pod template"));
            return;
        }
        NotNegative(spec["replicas"], "spec.replicas", errors);
        SelectedTemplate(obj.Kind, spec, errors);
    }

    /// <summary>DaemonSet: selector, template labels and pod spec.</summary>
    public static void DaemonSet(KubeObject obj, List<FieldError> errors)
    {
        if (obj.Spec is not { } spec)
        {
            errors.Add(new FieldError("spec", "Required value: a selector and a pod template"));
            return;
        }
        SelectedTemplate(obj.Kind, spec, errors);
    }

    /// <summary>Job: counts and a pod template that restarts OnFailure or Never (the controller makes its own selector).</summary>
    public static void Job(KubeObject obj, List<FieldError> errors) =>
        JobSpec(obj.Spec, "spec", errors);

    /// <summary>CronJob: a schedule and a valid job template.</summary>
    public static void CronJob(KubeObject obj, List<FieldError> errors)
    {
        if (obj.Spec?.GetString("schedule") is not { Length: > 0 })
            errors.Add(new FieldError("spec.schedule", "Required value: a cron schedule, e.g. \"*/5 * * * *\""));
        JobSpec(obj.Spec?.GetPath("jobTemplate")?["spec"], "spec.jobTemplate.spec", errors);
    }

    private static void JobSpec(JsonNode? spec, string at, List<FieldError> errors)
    {
        if (spec is not JsonObject job)
        {
            errors.Add(new FieldError(at, "Required value: a pod template"));
            return;
        }
        foreach (var count in new[] { "parallelism", "completions", "backoffLimit" })
            NotNegative(job[count], $"{at}.{count}", errors);
        PodSpecRules.Validate(job.GetPath("template")?["spec"], $"{at}.template.spec", JobRestart, errors);
    }

    private static void SelectedTemplate(string kind, JsonObject spec, List<FieldError> errors)
    {
        var selector = spec["selector"] as JsonObject;
        if (selector is null || (selector["matchLabels"] is not JsonObject { Count: > 0 } && selector["matchExpressions"] is not JsonArray { Count: > 0 }))
            errors.Add(new FieldError("spec.selector", $"Required value: a {kind} needs a non-empty selector (matchLabels or matchExpressions) matching its pod template's labels"));
        else
        {
            var parsed = LabelSelector.FromSelectorJson(selector);
            if (!parsed.IsSuccess)
                errors.Add(new FieldError("spec.selector", $"Invalid value: {parsed.Error?.Message}"));
            else if (!parsed.Selector!.Matches(TemplateLabels(spec)))
                errors.Add(new FieldError("spec.template.metadata.labels", "Invalid value: `selector` does not match template `labels`; give the template every label the selector requires"));
        }
        PodSpecRules.Validate(spec.GetPath("template")?["spec"], "spec.template.spec", AlwaysRestart, errors);
    }

    private static Dictionary<string, string> TemplateLabels(JsonObject spec) =>
        (spec.GetPath("template", "metadata")?["labels"] as JsonObject)?
            .Where(p => PodSpecRules.Text(p.Value) is not null)
            .ToDictionary(p => p.Key, p => PodSpecRules.Text(p.Value)!, StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    private static void NotNegative(JsonNode? count, string at, List<FieldError> errors)
    {
        if (count is not null && PodSpecRules.Integer(count) is not >= 0)
            errors.Add(new FieldError(at, "must be greater than or equal to 0", count.ToJsonString()));
    }
}
