using System.Text.Json.Nodes;

namespace GitOps.NodeAgent.Nodes;

/// <summary>A taint a node registers with, written <c>key=value:Effect</c> or <c>key:Effect</c> on the command line.</summary>
public sealed record NodeTaint(string Key, string? Value, string Effect)
{
    private static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>Parses <c>key[=value]:Effect</c>; null with an error message when the text is not a taint.</summary>
    public static NodeTaint? TryParse(string text, out string? error)
    {
        error = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !Effects.Contains(text[(colon + 1)..]))
        {
            error = $"'{text}' is not a taint: write key=value:Effect or key:Effect with Effect one of {string.Join(", ", Effects)}.";
            return null;
        }
        var keyValue = text[..colon];
        var equals = keyValue.IndexOf('=');
        return equals < 0
            ? new NodeTaint(keyValue, null, text[(colon + 1)..])
            : new NodeTaint(keyValue[..equals], keyValue[(equals + 1)..], text[(colon + 1)..]);
    }

    public JsonObject ToJson()
    {
        var taint = new JsonObject { ["key"] = Key, ["effect"] = Effect };
        if (Value is not null)
            taint["value"] = Value;
        return taint;
    }

    public override string ToString() => Value is null ? $"{Key}:{Effect}" : $"{Key}={Value}:{Effect}";
}
