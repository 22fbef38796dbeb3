using System.Text.Json.Nodes;
using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Model.Validation.Specs;

/// <summary>The spec checks of core kinds other than workloads.</summary>
public static class CoreSpecRules
{
    /// <summary>Pod: its pod spec.</summary>
    public static void Pod(KubeObject obj, List<FieldError> errors) =>
        PodSpecRules.Validate(obj.Spec, "spec", PodSpecRules.AnyRestartPolicy, errors);

    /// <summary>Service: port numbers, and names when there are several ports.</summary>
    public static void Service(KubeObject obj, List<FieldError> errors)
    {
        if (obj.Spec?["ports"] is not JsonArray ports)
            return;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i] is not JsonObject port)
                continue;
            var at = $"spec.ports[{i}]";
            PortRules.Require(port["port"], $"{at}.port", errors);
            if (port["targetPort"] is JsonValue target && PodSpecRules.Integer(target) is not null)
                PortRules.Check(target, $"{at}.targetPort", errors);
            var name = port.GetString("name");
            if (ports.Count > 1 && string.IsNullOrEmpty(name))
                errors.Add(new FieldError($"{at}.name", "Required value: every port of a Service with several ports needs a name"));
            else if (!string.IsNullOrEmpty(name) && !names.Add(name))
                errors.Add(new FieldError($"{at}.name", "Duplicate value: another port of the Service has this name", name));
        }
    }
}
