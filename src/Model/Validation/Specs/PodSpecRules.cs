using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Validation.Specs;

/// <summary>What kube-apiserver checks of every pod spec, in a Pod or a workload's pod template.</summary>
public static class PodSpecRules
{
    /// <summary>Every restart policy a Pod may have.</summary>
    public static readonly IReadOnlyList<string> AnyRestartPolicy = ["Always", "OnFailure", "Never"];

    /// <param name="spec">The pod spec.</param>
    /// <param name="at">Its path, e.g. "spec" or "spec.template.spec".</param>
    /// <param name="restartPolicies">The restart policies the owning kind allows (a missing policy means Always).</param>
    public static void Validate(JsonNode? spec, string at, IReadOnlyList<string> restartPolicies, List<FieldError> errors)
    {
        if (spec is not JsonObject pod)
        {
            errors.Add(new FieldError(at, "Required value: a pod spec with at least one container"));
            return;
        }
        if (pod["containers"] is not JsonArray { Count: > 0 })
            errors.Add(new FieldError($"{at}.containers", "Required value: a pod needs at least one container (name and image)"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        ValidateContainers(pod["initContainers"], $"{at}.initContainers", names, errors);
        ValidateContainers(pod["containers"], $"{at}.containers", names, errors);
        ValidateRestartPolicy(pod["restartPolicy"], $"{at}.restartPolicy", restartPolicies, errors);
    }

    private static void ValidateContainers(JsonNode? containers, string at, HashSet<string> names, List<FieldError> errors)
    {
        if (containers is null)
            return;
        if (containers is not JsonArray list)
        {
            errors.Add(new FieldError(at, "must be a list of containers"));
            return;
        }
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"{at}[{i}]";
            if (list[i] is not JsonObject container)
            {
                errors.Add(new FieldError(path, "must be a container (a mapping with name and image)"));
                continue;
            }
            if (container.GetString("name") is not { Length: > 0 } name)
                errors.Add(new FieldError($"{path}.name", "Required value: every container needs a name"));
            else if (NameValidation.Dns1123Label(name) is { Count: > 0 } problems)
                errors.AddRange(problems.Select(p => new FieldError($"{path}.name", p, name)));
            else if (!names.Add(name))
                errors.Add(new FieldError($"{path}.name", "Duplicate value: another container of the pod has this name", name));
            if (container.GetString("image") is not { Length: > 0 })
                errors.Add(new FieldError($"{path}.image", "Required value: the image to run, e.g. nginx:1.27"));
            ValidatePorts(container["ports"], $"{path}.ports", errors);
        }
    }

    private static void ValidatePorts(JsonNode? ports, string at, List<FieldError> errors)
    {
        if (ports is not JsonArray list)
            return;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject port)
                PortRules.Require(port["containerPort"], $"{at}[{i}].containerPort", errors);
        }
    }

    private static void ValidateRestartPolicy(JsonNode? policy, string at, IReadOnlyList<string> allowed, List<FieldError> errors)
    {
        var value = policy is null ? "Always" : Text(policy);
        if (value is not null && allowed.Contains(value))
            return;
        var supported = string.Join(", ", allowed.Select(p => $"\"{p}\""));
        errors.Add(policy is null
            ? new FieldError(at, $"Required value: supported values: {supported} (a missing restartPolicy means \"Always\")")
            : new FieldError(at, $"Unsupported value: supported values: {supported}", value ?? policy.ToJsonString()));
    }

    internal static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    internal static long? Integer(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? JsonFields.ToLong(v) : null;
}
