namespace GitOps.Model.Validation;

/// <summary>
/// One validation problem at a Kubernetes-style field path (<c>metadata.name</c>, <c>metadata.labels</c>),
/// with the offending value when there is one.
/// </summary>
public sealed record FieldError(string Field, string Message, string? Value = null)
{
    /// <summary>Kubernetes' wording: <c>metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain ...</c>.</summary>
    public override string ToString() =>
        Value is null ? $"{Field}: {Message}" : $"{Field}: Invalid value: \"{Value}\": {Message}";
}
