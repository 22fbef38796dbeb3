namespace GitOps.Model.Objects;

/// <summary>Splits an apiVersion ("apps/v1", "v1") into group and version.</summary>
public static class ApiVersionParts
{
    public static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 ? "" : apiVersion[..slash];
    }

    public static string VersionOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
    }

    public static string Combine(string group, string version) =>
        string.IsNullOrEmpty(group) ? version : $"{group}/{version}";
}
