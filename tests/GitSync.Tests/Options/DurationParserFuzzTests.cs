using CsCheck;
using GitOps.GitSync.Options;
using GitOps.TestSupport.Fuzzing;

namespace GitOps.GitSync.Tests.Options;

/// <summary>Duration settings ("30s", "1h30m", "00:00:30") parse to a non-negative duration or are refused, never throw.</summary>
public sealed class DurationParserFuzzTests
{
    private static readonly string[] Tokens =
        ["0", "1", "5", "30", "500", ".", ".5", "ms", "s", "m", "h", "d", ":", "00", "-", "999999999999999999", "1e9", "d1", "\u0663"];

    [Fact]
    public void Any_text_parses_to_a_non_negative_duration_or_is_refused() =>
        FuzzText.Of(Tokens).Sample(text =>
        {
            if (DurationParser.TryParse(text, out var duration) && duration < TimeSpan.Zero)
                throw new InvalidOperationException($"'{text}' parsed to a negative duration {duration}");
        }, iter: 20_000);

    [Theory]
    [InlineData("99999999999999999d")]
    [InlineData("\u0663s")]
    public void Found_inputs_are_refused(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
