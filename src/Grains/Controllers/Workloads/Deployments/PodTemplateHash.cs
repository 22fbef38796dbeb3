using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Grains.Controllers.Workloads.Pods;
using GitOps.Model.Kinds;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>
/// The <c>pod-template-hash</c> of a Deployment's pod template, as Kubernetes computes it in spirit: a
/// 32-bit FNV-1a hash of the template (here its canonical JSON, with the hash label itself left out),
/// mixed with the collision count, and spelled with the name-safe alphabet. Equal templates always get
/// the same hash, so a template reverted in Git finds its old ReplicaSet again.
/// </summary>
public static class PodTemplateHash
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    public static string Compute(JsonObject template, int? collisionCount)
    {
        var hash = FnvOffset;
        foreach (var b in Encoding.UTF8.GetBytes(CanonicalJson.Write(WithoutHashLabel(template))))
            hash = (hash ^ b) * FnvPrime;
        if (collisionCount is { } count)
        {
            foreach (var b in BitConverter.GetBytes(count))
                hash = (hash ^ b) * FnvPrime;
        }
        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var encoded = new StringBuilder(digits.Length);
        foreach (var digit in digits)
            encoded.Append(GeneratedNames.Alphabet[digit % GeneratedNames.Alphabet.Length]);
        return encoded.ToString();
    }

    /// <summary>True when the two templates are equal once the <c>pod-template-hash</c> label is ignored.</summary>
    public static bool EqualIgnoringHash(JsonObject left, JsonObject right) =>
        CanonicalJson.Write(WithoutHashLabel(left)) == CanonicalJson.Write(WithoutHashLabel(right));

    private static JsonObject WithoutHashLabel(JsonObject template)
    {
        if ((template["metadata"] as JsonObject)?["labels"] is not JsonObject labels
            || (!labels.ContainsKey(WellKnownLabels.PodTemplateHash) && labels.Count > 0))
            return template;
        var copy = (JsonObject)template.DeepClone();
        var copiedMetadata = (JsonObject)copy["metadata"]!;
        var copiedLabels = (JsonObject)copiedMetadata["labels"]!;
        copiedLabels.Remove(WellKnownLabels.PodTemplateHash);
        if (copiedLabels.Count == 0)
            copiedMetadata.Remove("labels");
        return copy;
    }
}
