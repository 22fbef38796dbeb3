using System.Text;
using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.Model.Registry;

namespace GitOps.Model.Validation;

/// <summary>
/// Checks what every object needs regardless of kind: apiVersion, kind, metadata.name (format by the kind's name rule in the kind registry),
/// metadata.namespace, label keys and values, annotation keys and total size; then the kind's own
/// spec checks from the kind registry (<see cref="KindDefinition.Spec"/>: pod specs, workload
/// selectors and templates, ports), as kube-apiserver validates each kind. No schema beyond those.
/// </summary>
public static class ObjectValidator
{
    /// <summary>Kubernetes' limit on the total size of all annotation keys and values.</summary>
    public const int MaxAnnotationsBytes = 256 * 1024;

    public static IReadOnlyList<FieldError> Validate(KubeObject obj, bool allowGenerateName = false)
    {
        var errors = new List<FieldError>();
        var root = obj.Root;
        RequireString(root, "apiVersion", "apiVersion", "set it to the object's API version, e.g. 'v1' or 'apps/v1'", errors);
        RequireString(root, "kind", "kind", "set it to the object's kind, e.g. 'Deployment'", errors);
        if (root["metadata"] is not JsonObject metadata)
        {
            errors.Add(new FieldError("metadata", root.ContainsKey("metadata")
                ? "must be a mapping with at least 'name'"
                : "Required value: every object needs metadata with a name"));
            return errors;
        }

        var kind = root["kind"] is JsonValue k && k.TryGetValue<string>(out var kindText) ? kindText : "";
        var apiVersion = root["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var apiVersionText) ? apiVersionText : "";
        ValidateName(metadata, KindRegistry.NameRuleOf(new ResourceType(ApiVersionParts.GroupOf(apiVersion), kind)), allowGenerateName, errors);
        if (metadata.ContainsKey("namespace"))
        {
            if (!IsString(metadata["namespace"], out var ns))
                errors.Add(new FieldError("metadata.namespace", "must be a string"));
            else if (ns.Length > 0)
                errors.AddRange(NameValidation.Dns1123Label(ns).Select(m => new FieldError("metadata.namespace", m, ns)));
        }
        ValidateLabels(metadata["labels"], errors);
        ValidateAnnotations(metadata["annotations"], errors);
        KindRegistry.Find(new ResourceType(ApiVersionParts.GroupOf(apiVersion), kind))?.Spec?.Invoke(obj, errors);
        return errors;
    }

    private static void ValidateName(JsonObject metadata, NameRule rule, bool allowGenerateName, List<FieldError> errors)
    {
        if (metadata["name"] is null)
        {
            if (allowGenerateName && IsString(metadata["generateName"], out var generateName) && generateName.Length > 0)
                return;
            errors.Add(new FieldError("metadata.name", "Required value: name is required; give the object a unique name within its kind and namespace"));
            return;
        }
        if (!IsString(metadata["name"], out var name))
        {
            errors.Add(new FieldError("metadata.name", $"must be a string, got {metadata["name"]!.ToJsonString()}; quote it"));
            return;
        }
        if (name.Length == 0)
        {
            errors.Add(new FieldError("metadata.name", "Required value: name must not be empty"));
            return;
        }
        errors.AddRange(NameValidation.Check(rule, name).Select(m => new FieldError("metadata.name", m, name)));
    }

    private static void ValidateLabels(JsonNode? labels, List<FieldError> errors)
    {
        if (labels is null)
            return;
        if (labels is not JsonObject map)
        {
            errors.Add(new FieldError("metadata.labels", "must be a mapping of string keys to string values"));
            return;
        }
        foreach (var (key, value) in map)
        {
            errors.AddRange(NameValidation.QualifiedName(key).Select(m => new FieldError("metadata.labels", m, key)));
            if (!IsString(value, out var text))
                errors.Add(new FieldError($"metadata.labels[{key}]", $"must be a string, got {value?.ToJsonString() ?? "null"}; quote it"));
            else
                errors.AddRange(NameValidation.LabelValue(text).Select(m => new FieldError($"metadata.labels[{key}]", m, text)));
        }
    }

    private static void ValidateAnnotations(JsonNode? annotations, List<FieldError> errors)
    {
        if (annotations is null)
            return;
        if (annotations is not JsonObject map)
        {
            errors.Add(new FieldError("metadata.annotations", "must be a mapping of string keys to string values"));
            return;
        }
        var total = 0;
        foreach (var (key, value) in map)
        {
            errors.AddRange(NameValidation.QualifiedName(key.ToLowerInvariant()).Select(m => new FieldError("metadata.annotations", m, key)));
            if (!IsString(value, out var text))
                errors.Add(new FieldError($"metadata.annotations[{key}]", $"must be a string, got {value?.ToJsonString() ?? "null"}; quote it"));
            else
                total += Encoding.UTF8.GetByteCount(text);
            total += Encoding.UTF8.GetByteCount(key);
        }
        if (total > MaxAnnotationsBytes)
            errors.Add(new FieldError("metadata.annotations", $"Too long: must have at most {MaxAnnotationsBytes} bytes (has {total}); move large data into a ConfigMap"));
    }

    private static void RequireString(JsonObject root, string key, string field, string hint, List<FieldError> errors)
    {
        if (!IsString(root[key], out var value))
            errors.Add(new FieldError(field, root[key] is null ? $"Required value: {hint}" : $"must be a string; {hint}"));
        else if (value.Length == 0)
            errors.Add(new FieldError(field, $"Required value: {hint}"));
    }

    private static bool IsString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            value = s;
            return true;
        }
        value = "";
        return false;
    }
}
