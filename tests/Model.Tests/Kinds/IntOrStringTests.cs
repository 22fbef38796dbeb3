using System.Text.Json.Nodes;
using GitOps.Model.Kinds;

namespace GitOps.Model.Tests.Kinds;

public sealed class IntOrStringTests
{
    [Theory]
    [InlineData("25%", 10, true, 3)]
    [InlineData("25%", 10, false, 2)]
    [InlineData("25%", 4, true, 1)]
    [InlineData("25%", 4, false, 1)]
    [InlineData("0%", 10, true, 0)]
    [InlineData("100%", 3, false, 3)]
    [InlineData("33%", 1, true, 1)]
    [InlineData("33%", 1, false, 0)]
    public void Percentages_scale_with_kubernetes_rounding(string percent, int total, bool roundUp, int expected) =>
        Assert.Equal(expected, IntOrString.FromString(percent).Scaled(total, roundUp));

    [Fact]
    public void Integers_are_absolute() => Assert.Equal(2, IntOrString.FromInt(2).Scaled(100, false));

    [Fact]
    public void Malformed_percentage_is_an_error()
    {
        Assert.False(IntOrString.FromString("abc").TryScaled(10, true, out _, out var error));
        Assert.Contains("abc", error);
    }

    [Fact]
    public void Reads_numbers_and_strings_from_json()
    {
        Assert.Equal(IntOrString.FromInt(3), IntOrString.FromJson(JsonNode.Parse("3")));
        Assert.Equal(IntOrString.FromString("http"), IntOrString.FromJson(JsonNode.Parse("\"http\"")));
        Assert.Null(IntOrString.FromJson(JsonNode.Parse("[1]")));
    }

    [Fact]
    public void Serializes_as_number_or_string()
    {
        Assert.Equal("[1,\"25%\"]", System.Text.Json.JsonSerializer.Serialize(new[] { IntOrString.FromInt(1), IntOrString.FromString("25%") }));
        Assert.Equal(IntOrString.FromString("50%"), System.Text.Json.JsonSerializer.Deserialize<IntOrString>("\"50%\""));
    }
}
