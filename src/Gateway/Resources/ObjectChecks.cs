using GitOps.Gateway.Errors;
using GitOps.Gateway.Registry;
using GitOps.Model.Objects;
using GitOps.Model.Validation;

namespace GitOps.Gateway.Resources;

/// <summary>Validates an object before it is written, answering 422 Invalid with one cause per field at fault.</summary>
internal sealed class ObjectChecks
{
    public KubeStatus? Validate(ApiResource resource, KubeObject obj)
    {
        var name = obj.Metadata.Name ?? "";
        var causes = new List<StatusCause>();
        if (name.Length == 0)
            causes.Add(new StatusCause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name"));
        else
            causes.AddRange(NameProblems(resource, name).Select(p => new StatusCause("FieldValueInvalid", $"Invalid value: \"{name}\": {p}", "metadata.name")));
        foreach (var (key, value) in obj.Metadata.Labels)
        {
            causes.AddRange(NameValidation.QualifiedName(key).Select(p => new StatusCause("FieldValueInvalid", $"Invalid value: \"{key}\": {p}", "metadata.labels")));
            causes.AddRange(NameValidation.LabelValue(value).Select(p => new StatusCause("FieldValueInvalid", $"Invalid value: \"{value}\": {p}", $"metadata.labels.{key}")));
        }
        return causes.Count == 0 ? null : KubeStatus.Invalid(resource, name, causes);
    }

    private static IReadOnlyList<string> NameProblems(ApiResource resource, string name) =>
        resource.Group == "rbac.authorization.k8s.io" ? NameValidation.PathSegmentName(name)
        : resource.Kind is "Namespace" or "Service" ? NameValidation.Dns1123Label(name)
        : NameValidation.Dns1123Subdomain(name);
}
