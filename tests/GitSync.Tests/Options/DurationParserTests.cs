using GitOps.GitSync.Options;

namespace GitOps.GitSync.Tests.Options;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("00:00:30", 30_000)]
    [InlineData("01:30:00", 5_400_000)]
    public void Accepts_flux_and_dotnet_forms(string text, long milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("thirty seconds")]
    [InlineData("1x")]
    [InlineData("1h 30m")]
    [InlineData("-00:00:30")]
    public void Rejects_what_is_not_a_duration(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Fact]
    public void Formats_the_short_form() => Assert.Equal("1h30m", DurationParser.Format(TimeSpan.FromMinutes(90)));
}
