using GitOps.Model.Objects;
using GitOps.Model.Selectors;

namespace GitOps.Model.Tests.Selectors;

public sealed class FieldSelectorParseTests
{
    [Fact]
    public void Parses_equality_inequality_and_double_equals()
    {
        var selector = FieldSelector.Parse("a=b,c!=d,e==f").GetOrThrow();
        Assert.Equal(
            [new FieldRequirement("a", false, "b"), new FieldRequirement("c", true, "d"), new FieldRequirement("e", false, "f")],
            selector.Requirements);
        Assert.Equal("a=b,c!=d,e=f", selector.ToString());
    }

    [Fact]
    public void Matches_pod_fields()
    {
        var pod = KubeObject.FromJson("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns"},"spec":{"nodeName":"n1"},"status":{"phase":"Running"}}""");
        Assert.True(FieldSelector.Parse("spec.nodeName=n1,metadata.namespace=ns").GetOrThrow().Matches(pod));
        Assert.True(FieldSelector.Parse("status.phase!=Pending").GetOrThrow().Matches(pod));
        Assert.False(FieldSelector.Parse("metadata.name=q").GetOrThrow().Matches(pod));
        Assert.True(FieldSelector.Parse("spec.missing=").GetOrThrow().Matches(pod));
    }

    [Fact]
    public void Escaped_characters_in_values_round_trip()
    {
        var selector = FieldSelector.Parse(@"metadata.name=a\,b\=c").GetOrThrow();
        Assert.Equal("a,b=c", selector.Requirements[0].Value);
        Assert.Equal(selector.Requirements, FieldSelector.Parse(selector.ToString()).GetOrThrow().Requirements);
    }

    [Theory]
    [InlineData("metadata.name", 0, "not a field requirement")]
    [InlineData("a=b,=c", 4, "no field name")]
    [InlineData("a=b,c", 4, "not a field requirement")]
    [InlineData("a b=c", 0, "invalid field name")]
    [InlineData(@"a=b\q", 2, "invalid escape")]
    [InlineData("a=b=c", 2, "unescaped")]
    public void Bad_input_gives_position_and_reason(string text, int position, string reason)
    {
        var result = FieldSelector.Parse(text);
        Assert.False(result.IsSuccess);
        Assert.Equal(position, result.Error!.Position);
        Assert.Contains(reason, result.Error.Message);
    }

    [Fact]
    public void Empty_text_selects_everything() => Assert.True(FieldSelector.Parse("").GetOrThrow().IsEmpty);
}
