using System.Collections.Frozen;
using GitOps.Model.Objects;
using GitOps.Model.Validation;

namespace GitOps.Model.Registry;

/// <summary>
/// The one registry of kinds: the built-in kinds of <see cref="BuiltInKinds"/>, looked up by
/// group and kind or by group, version and plural, and the facts of kinds it does not list
/// (custom resources): served generically under the plural kubectl would guess, with a status
/// subresource, their status kept on create, names that are URL path segments, applied last.
/// </summary>
public static class KindRegistry
{
    /// <summary>The name rule of kinds the registry does not list, as for custom resources.</summary>
    public const NameRule OtherKindsNameRule = NameRule.PathSegment;

    private static readonly FrozenDictionary<ResourceType, KindDefinition> ByType;
    private static readonly FrozenDictionary<(string Group, string Version, string Plural), KindDefinition> ByPath;

    static KindRegistry()
    {
        BuiltIn = BuiltInKinds.Create();
        ByType = BuiltIn.ToFrozenDictionary(k => k.Type);
        ByPath = BuiltIn.ToFrozenDictionary(k => (k.Group, k.Version, k.Plural));
    }

    /// <summary>Every built-in kind.</summary>
    public static IReadOnlyList<KindDefinition> BuiltIn { get; }

    /// <summary>The built-in kind of this group ("" for core) and kind, or null.</summary>
    public static KindDefinition? Find(string group, string kind) => ByType.GetValueOrDefault(new ResourceType(group, kind));

    public static KindDefinition? Find(ResourceType type) => ByType.GetValueOrDefault(type);

    /// <summary>The built-in kind served under this group, version and plural, or null.</summary>
    public static KindDefinition? Find(string group, string version, string plural) => ByPath.GetValueOrDefault((group, version, plural));

    public static NameRule NameRuleOf(ResourceType type) => Find(type)?.NameRule ?? OtherKindsNameRule;

    public static int ApplyRankOf(ResourceType type) => Find(type)?.ApplyRank ?? ApplyRanks.Others;

    public static StatusOnCreateRule StatusOnCreateOf(ResourceType type) => Find(type)?.StatusOnCreate ?? StatusOnCreateRule.Keep;

    /// <summary>Whether objects of this kind live in namespaces; kinds the registry does not list are taken as namespaced.</summary>
    public static bool IsNamespaced(ResourceType type) => Find(type)?.Namespaced ?? true;

    /// <summary>
    /// A kind the registry does not list, as it is served once an object of it is stored: under
    /// the object's group and version with the guessed plural and a status subresource; status
    /// is kept on create (the service cannot know whether a definition declared the subresource).
    /// </summary>
    public static KindDefinition CustomResource(string group, string version, string kind, KindScope scope) =>
        new(group, version, kind, GuessPlural(kind), scope)
        {
            Subresources = Subresources.Status,
            StatusOnCreate = StatusOnCreateRule.Keep,
            NameRule = OtherKindsNameRule,
            ApplyRank = ApplyRanks.Others,
        };

    /// <summary>
    /// The plural of a kind the registry does not list, as kubectl guesses it
    /// (k8s meta.UnsafeGuessKindToResource: "s" → "ses", "y" → "ies", else "+s"), except that a
    /// vowel before the "y" keeps it ("Gateway" → "gateways"), as CRDs name such kinds.
    /// </summary>
    public static string GuessPlural(string kind)
    {
        var singular = kind.ToLowerInvariant();
        if (singular.Length == 0)
            return singular;
        return singular[^1] switch
        {
            's' => singular + "es",
            'y' when singular.Length > 1 && "aeiou".Contains(singular[^2]) => singular + "s",
            'y' => singular[..^1] + "ies",
            _ => singular + "s",
        };
    }
}
