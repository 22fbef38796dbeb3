using GitOps.Model.Validation;

namespace GitOps.Grains.Resources;

/// <summary>
/// One reason a write failed, as the apiserver's <c>StatusCause</c>: <see cref="Reason"/>
/// (FieldValueInvalid, FieldValueRequired, FieldManagerConflict), a message, and the field at fault.
/// </summary>
[GenerateSerializer, Immutable, Alias("GitOps.ResourceCause")]
public sealed record ResourceCause(string Reason, string Message, string? Field)
{
    /// <summary>One cause per validation error, worded as the apiserver words them.</summary>
    public static IReadOnlyList<ResourceCause> Of(IReadOnlyList<FieldError> errors) =>
        errors.Select(e => new ResourceCause(
            e.Message.StartsWith("Required value", StringComparison.Ordinal) ? "FieldValueRequired" : "FieldValueInvalid",
            e.Value is null ? e.Message : $"Invalid value: \"{e.Value}\": {e.Message}",
            e.Field)).ToArray();
}
