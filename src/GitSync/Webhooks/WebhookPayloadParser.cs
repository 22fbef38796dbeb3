using System.Text.Json;

namespace GitOps.GitSync.Webhooks;

/// <summary>
/// Reads push payloads: GitHub (<c>ref</c>, <c>after</c>, <c>repository.clone_url/ssh_url/html_url</c>),
/// GitLab (<c>ref</c>, <c>checkout_sha</c>, <c>project.git_http_url/git_ssh_url</c>) and a generic form
/// (<c>{"source": "name"}</c> or <c>{"repository": "url", "ref": "main"}</c>).
/// </summary>
public static class WebhookPayloadParser
{
    public static (PushEvent? Event, string? Error) Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException exception)
        {
            return (null, $"The webhook body is not valid JSON: {exception.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, "The webhook body must be a JSON object.");
            var root = document.RootElement;
            var reference = String(root, "ref");
            if (root.TryGetProperty("project", out var project) && project.ValueKind == JsonValueKind.Object)
                return (new PushEvent(Urls(project, "git_http_url", "git_ssh_url", "web_url", "http_url", "ssh_url"),
                    reference, String(root, "checkout_sha") ?? String(root, "after"), null, "gitlab"), null);
            if (root.TryGetProperty("repository", out var repository) && repository.ValueKind == JsonValueKind.Object)
                return (new PushEvent(Urls(repository, "clone_url", "ssh_url", "git_url", "html_url", "url"),
                    reference, String(root, "after"), null, "github"), null);
            var source = String(root, "source");
            var url = String(root, "repository") ?? String(root, "url");
            if (source is null && url is null)
                return (null, "The webhook body names no repository: send a GitHub or GitLab push payload, or {\"source\": \"<name>\"} or {\"repository\": \"<url>\", \"ref\": \"<branch>\"}.");
            return (new PushEvent(url is null ? [] : [url], reference, String(root, "commit") ?? String(root, "after"), source, "generic"), null);
        }
    }

    /// <summary>The branch or tag name of a ref ("refs/heads/main" → "main").</summary>
    public static string? ShortReference(string? reference)
    {
        if (reference is null)
            return null;
        if (reference.StartsWith("refs/heads/", StringComparison.Ordinal))
            return reference["refs/heads/".Length..];
        if (reference.StartsWith("refs/tags/", StringComparison.Ordinal))
            return reference["refs/tags/".Length..];
        return reference;
    }

    private static string[] Urls(JsonElement element, params string[] names) =>
        names.Select(n => String(element, n)).OfType<string>().Where(u => u.Length > 0).Distinct().ToArray();

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
