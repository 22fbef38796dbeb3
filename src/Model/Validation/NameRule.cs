namespace GitOps.Model.Validation;

/// <summary>Which syntax a kind's object names must follow (Kubernetes varies it by kind).</summary>
public enum NameRule
{
    /// <summary>DNS-1123 subdomain, at most 253 characters: most built-in kinds.</summary>
    Dns1123Subdomain,

    /// <summary>DNS-1123 label, at most 63 characters: Namespace.</summary>
    Dns1123Label,

    /// <summary>DNS-1035 label (starts with a letter): Service.</summary>
    Dns1035Label,

    /// <summary>Any name usable as one URL path segment: RBAC kinds and custom resources.</summary>
    PathSegment,
}
