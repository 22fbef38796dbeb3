using GitOps.GitSync.Git;
using GitOps.GitSync.Sources;

namespace GitOps.GitSync.Webhooks;

/// <summary>Finds the sources a push concerns: by name (generic payloads), or by repository URL and branch.</summary>
public static class WebhookMatcher
{
    public static IReadOnlyList<SourceSpec> Match(PushEvent push, IEnumerable<SourceSpec> sources)
    {
        if (push.SourceName is not null)
            return sources.Where(s => s.Name == push.SourceName).ToArray();
        var urls = push.RepositoryUrls.Select(RepositoryUrl.Normalize).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var branch = WebhookPayloadParser.ShortReference(push.Reference);
        return sources
            .Where(s => urls.Contains(RepositoryUrl.Normalize(s.Url)))
            .Where(s => branch is null || s.Branch == branch || s.Branch == push.Reference)
            .ToArray();
    }
}
