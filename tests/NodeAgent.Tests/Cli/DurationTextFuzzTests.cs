using CsCheck;
using GitOps.NodeAgent.Cli;
using GitOps.TestSupport.Fuzzing;

namespace GitOps.NodeAgent.Tests.Cli;

/// <summary>Duration options ("500ms", "1m30s", "00:00:30") parse or are refused, never throw.</summary>
public sealed class DurationTextFuzzTests
{
    private static readonly string[] Tokens =
        ["0", "1", "5", "30", "500", ".", ".5", "ms", "s", "m", "h", "us", "µs", "ns", ":", "00", "-", "999999999999999999", "\u0663"];

    [Fact]
    public void Any_text_parses_or_is_refused() =>
        FuzzText.Of(Tokens).Sample(text => { DurationText.TryParse(text, out _); }, iter: 20_000);

    [Theory]
    [InlineData("99999999999999999h")]
    [InlineData("\u0663s")]
    public void Found_inputs_are_refused(string text) => Assert.False(DurationText.TryParse(text, out _));
}
