using System.Globalization;
using System.Text;

namespace GitOps.NodeAgent.Client;

/// <summary>Query parameters of a list or watch request.</summary>
public sealed record ListOptions(
    string? LabelSelector = null,
    string? FieldSelector = null,
    int? Limit = null,
    string? Continue = null,
    string? ResourceVersion = null,
    int? TimeoutSeconds = null,
    bool AllowWatchBookmarks = false)
{
    public static ListOptions None { get; } = new();

    internal string ToQuery(bool watch)
    {
        var query = new StringBuilder();
        void Add(string key, string? value)
        {
            if (string.IsNullOrEmpty(value))
                return;
            query.Append(query.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }
        if (watch)
            Add("watch", "true");
        Add("labelSelector", LabelSelector);
        Add("fieldSelector", FieldSelector);
        Add("limit", Limit?.ToString(CultureInfo.InvariantCulture));
        Add("continue", Continue);
        Add("resourceVersion", ResourceVersion);
        Add("timeoutSeconds", TimeoutSeconds?.ToString(CultureInfo.InvariantCulture));
        if (AllowWatchBookmarks)
            Add("allowWatchBookmarks", "true");
        return query.ToString();
    }
}
