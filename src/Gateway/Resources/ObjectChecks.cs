using GitOps.Gateway.Errors;
using GitOps.Gateway.Registry;
using GitOps.Model.Objects;
using GitOps.Model.Validation;

namespace GitOps.Gateway.Resources;

/// <summary>
/// Validates an object before it is written with the Model's <see cref="ObjectValidator"/>,
/// answering 422 Invalid with one cause per field at fault.
/// </summary>
internal sealed class ObjectChecks
{
    public KubeStatus? Validate(ApiResource resource, KubeObject obj)
    {
        var errors = ObjectValidator.Validate(obj);
        if (errors.Count == 0)
            return null;
        var causes = errors.Select(e => new StatusCause(
            e.Message.StartsWith("Required value", StringComparison.Ordinal) ? "FieldValueRequired" : "FieldValueInvalid",
            e.Value is null ? e.Message : $"Invalid value: \"{e.Value}\": {e.Message}",
            e.Field)).ToArray();
        return KubeStatus.Invalid(resource, obj.Metadata.Name ?? "", causes);
    }
}
