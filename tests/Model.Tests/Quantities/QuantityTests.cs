using GitOps.Model.Quantities;

namespace GitOps.Model.Tests.Quantities;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("250m", "0.25")]
    [InlineData("1.5", "1.5")]
    [InlineData("128Mi", "134217728")]
    [InlineData("1G", "1000000000")]
    [InlineData("2Ki", "2048")]
    [InlineData("1e3", "1000")]
    [InlineData("0.5Gi", "536870912")]
    [InlineData("100n", "0.0000001")]
    [InlineData("-2", "-2")]
    [InlineData("+3k", "3000")]
    [InlineData("1E", "1000000000000000000")]
    [InlineData("5.", "5")]
    [InlineData(".5", "0.5")]
    [InlineData("1e-3", "0.001")]
    public void Parses_amounts_exactly(string text, string expected)
    {
        Assert.True(Quantity.TryParse(text, out var quantity, out var error), error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), quantity.Amount);
    }

    [Fact]
    public void Binary_gigabyte_is_larger_than_decimal_gigabyte()
    {
        Assert.True(Quantity.Parse("1Gi") > Quantity.Parse("1G"));
        Assert.True(Quantity.Parse("1G") < Quantity.Parse("1Gi"));
    }

    [Fact]
    public void Equal_amounts_in_different_notations_are_equal()
    {
        Assert.Equal(Quantity.Parse("100m"), Quantity.Parse("0.1"));
        Assert.Equal(Quantity.Parse("1500m"), Quantity.Parse("1.5"));
        Assert.Equal(Quantity.Parse("1k"), Quantity.Parse("1e3"));
        Assert.Equal(0, Quantity.Compare(Quantity.Parse("1024"), Quantity.Parse("1Ki")));
        Assert.Equal(Quantity.Parse("0.1").GetHashCode(), Quantity.Parse("100m").GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1x")]
    [InlineData("1.2.3")]
    [InlineData("1Ki2")]
    [InlineData("m")]
    [InlineData("1e")]
    [InlineData("1 Gi")]
    [InlineData("1e9999")]
    public void Rejects_bad_text_with_a_message_naming_it(string text)
    {
        Assert.False(Quantity.TryParse(text, out _, out var error));
        Assert.NotNull(error);
        if (text.Length > 0)
            Assert.Contains($"'{text}'", error);
        Assert.Throws<FormatException>(() => Quantity.Parse(text));
    }

    [Theory]
    [InlineData("1.5", "1500m")]
    [InlineData("0.1", "100m")]
    [InlineData("1000", "1k")]
    [InlineData("128Mi", "128Mi")]
    [InlineData("1536Mi", "1536Mi")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("0.5Gi", "512Mi")]
    [InlineData("100", "100")]
    [InlineData("512", "512")]
    [InlineData("1e3", "1e3")]
    [InlineData("0", "0")]
    [InlineData("0Mi", "0")]
    [InlineData("100n", "100n")]
    [InlineData("1.5Ki", "1536")]
    [InlineData("0.5Ki", "512")]
    [InlineData("1500000", "1500k")]
    [InlineData("9223372036854775807m", "9223372036854775807m")]
    [InlineData("1000000000000000.5", "1000000000000000500m")]
    [InlineData("123456789012345678901234", "123456789012345678901234")]
    public void Prints_canonical_form(string text, string expected) =>
        Assert.Equal(expected, Quantity.Parse(text).ToString());

    [Fact]
    public void Arithmetic_is_exact()
    {
        var sum = Quantity.Parse("100m") + Quantity.Parse("200m");
        Assert.Equal(Quantity.Parse("300m"), sum);
        Assert.Equal(Quantity.Parse("1Gi"), Quantity.Parse("512Mi").Add(Quantity.Parse("512Mi")));
        Assert.Equal("1Gi", Quantity.Parse("512Mi").Add(Quantity.Parse("512Mi")).ToString());
        Assert.Equal(Quantity.Parse("-50m"), Quantity.Parse("100m").Subtract(Quantity.Parse("150m")));
        var total = Quantity.Zero;
        for (var i = 0; i < 10; i++)
            total += Quantity.Parse("0.1");
        Assert.Equal(Quantity.Parse("1"), total);
    }

    [Fact]
    public void Values_round_up_as_kubernetes_does()
    {
        Assert.Equal(250, Quantity.Parse("250m").MilliValue);
        Assert.Equal(1, Quantity.Parse("250m").Value);
        Assert.Equal(1, Quantity.Parse("1n").MilliValue);
        Assert.Equal(2, Quantity.Parse("1.5").Value);
        Assert.Equal(134217728, Quantity.Parse("128Mi").Value);
        Assert.Equal(-2, Quantity.Parse("-1.5").Value);
    }

    [Fact]
    public void Finer_than_nano_rounds_up()
    {
        Assert.Equal(Quantity.Parse("1n"), Quantity.Parse("0.0000000001"));
        Assert.Equal("1000000001n", Quantity.Parse("1.0000000001").ToString());
    }

    [Fact]
    public void Serializes_as_its_canonical_string()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new[] { Quantity.Parse("1.5"), Quantity.Parse("128Mi") });
        Assert.Equal("[\"1500m\",\"128Mi\"]", json);
        Assert.Equal([Quantity.Parse("1.5"), Quantity.Parse("2")], System.Text.Json.JsonSerializer.Deserialize<Quantity[]>("[\"1500m\",2]")!);
    }
}
