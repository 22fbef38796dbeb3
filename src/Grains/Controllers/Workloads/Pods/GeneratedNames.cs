using System.Security.Cryptography;

namespace GitOps.Grains.Controllers.Workloads.Pods;

/// <summary>
/// Names for generated objects, as the API server's generateName does: the prefix plus five
/// characters from an alphabet without vowels (no accidental words) and without look-alikes.
/// </summary>
public static class GeneratedNames
{
    public const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    public const int SuffixLength = 5;
    private const int MaxPrefixLength = 63 - SuffixLength;

    /// <summary><c>{prefix}{5 random characters}</c>; the prefix is cut so the name fits in 63 characters.</summary>
    public static string Generate(string prefix)
    {
        if (prefix.Length > MaxPrefixLength)
            prefix = prefix[..MaxPrefixLength];
        Span<char> suffix = stackalloc char[SuffixLength];
        for (var i = 0; i < suffix.Length; i++)
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return string.Concat(prefix, suffix);
    }
}
