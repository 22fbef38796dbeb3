using CsCheck;

namespace GitOps.TestSupport.Fuzzing;

/// <summary>
/// Random text for the parser fuzz tests: runs of a grammar's own tokens mixed with characters parsers trip on and
/// arbitrary ones, so most cases get past the first character and reach the parser's corners.
/// </summary>
public static class FuzzText
{
    private static readonly string[] Hostile =
    [
        "", " ", "\t", "\n", "\r", "\0", "\u00a0", "\u2028", "\ufeff", "\ud800", "\udc00", "\U0001F600", "\u0663", "\u00e9", "\uff11",
        "99999999999999999999999999999", "1e308", "-", "+", ".", ",", "=", "!", "(", ")", "\"", "'", "\\", "/", "*", "?", "%", "@", "~",
    ];

    /// <summary>Up to <paramref name="maxParts"/> pieces, each a token of the grammar, a hostile piece or any character.</summary>
    public static Gen<string> Of(string[] tokens, int maxParts = 12) =>
        Gen.OneOf(Gen.OneOf(tokens), Gen.OneOf(Hostile), Gen.Char.Select(c => c.ToString()))
            .Array[0, maxParts]
            .Select(parts => string.Concat(parts));
}
