using System.Text.Json.Nodes;

namespace GitOps.Model.Registry;

/// <summary>
/// What the API server does with the status a creator sends (kube-apiserver's PrepareForCreate):
/// keep it, clear it, or start the object in a fixed phase.
/// </summary>
public sealed record StatusOnCreateRule
{
    private StatusOnCreateRule(bool resets, string? phase)
    {
        Resets = resets;
        Phase = phase;
    }

    /// <summary>The creator's status is stored as sent.</summary>
    public static StatusOnCreateRule Keep { get; } = new(false, null);

    /// <summary>The creator's status is dropped; controllers write it.</summary>
    public static StatusOnCreateRule Clear { get; } = new(true, null);

    /// <summary>The creator's status is replaced by <c>{"phase": phase}</c>.</summary>
    public static StatusOnCreateRule StartInPhase(string phase) => new(true, phase);

    /// <summary>True when the creator's status is not stored.</summary>
    public bool Resets { get; }

    /// <summary>The phase a new object starts in, when the rule sets one.</summary>
    public string? Phase { get; }

    /// <summary>The status a new object starts with when the rule <see cref="Resets"/> the sent one: its phase, or none.</summary>
    public JsonObject? FreshStatus() => Phase is null ? null : new JsonObject { ["phase"] = Phase };
}
