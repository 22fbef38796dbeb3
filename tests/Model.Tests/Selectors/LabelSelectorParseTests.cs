using System.Text.Json.Nodes;
using GitOps.Model.Selectors;

namespace GitOps.Model.Tests.Selectors;

public sealed class LabelSelectorParseTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "frontend", ["env"] = "a", ["key"] = "x" };

    private static LabelSelector Parse(string text)
    {
        var result = LabelSelector.Parse(text);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Selector!;
    }

    [Fact]
    public void Parses_every_operator_of_the_string_form()
    {
        var selector = Parse("app=web,tier!=db,env in (a,b),env notin (c),key,!legacy");
        Assert.Equal(6, selector.Requirements.Count);
        Assert.True(selector.Matches(Web));
        Assert.False(selector.Matches(new Dictionary<string, string>(Web) { ["legacy"] = "" }));
        Assert.False(selector.Matches(new Dictionary<string, string>(Web) { ["tier"] = "db" }));
        Assert.False(selector.Matches(new Dictionary<string, string>(Web) { ["env"] = "c" }));
        Assert.False(selector.Matches(new Dictionary<string, string>(Web) { ["env"] = "d" }));
    }

    [Fact]
    public void Double_equals_is_equality() => Assert.Equal(Parse("app=web").ToString(), Parse("app == web").ToString());

    [Fact]
    public void Canonical_form_sorts_by_key_and_reparses_to_the_same()
    {
        var selector = Parse(" tier != db , app=web,env in (b, a),!legacy,key ");
        Assert.Equal("app=web,env in (a,b),key,!legacy,tier!=db", selector.ToString());
        Assert.Equal(selector.ToString(), Parse(selector.ToString()).ToString());
    }

    [Fact]
    public void Empty_text_selects_everything()
    {
        Assert.True(Parse("").IsEmpty);
        Assert.True(Parse("  ").Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void Empty_value_is_allowed_for_equality()
    {
        var selector = Parse("app=");
        Assert.True(selector.Matches(new Dictionary<string, string> { ["app"] = "" }));
        Assert.False(selector.Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void Greater_and_less_compare_integers() =>
        Assert.True(Parse("cores>4,cores<16").Matches(new Dictionary<string, string> { ["cores"] = "8" }));

    [Theory]
    [InlineData("app=web,", 8, "expected a label key")]
    [InlineData("app in (a,b", 11, "expected ')'")]
    [InlineData("app in a", 7, "expected '('")]
    [InlineData("app web", 4, "after key 'app'")]
    [InlineData("app=we b", 7, "expected ',' or end")]
    [InlineData("-bad=x", 0, "invalid label key '-bad'")]
    [InlineData("app=-x-", 4, "invalid label value '-x-'")]
    [InlineData("app>x", 4, "expected an integer")]
    [InlineData("!", 1, "expected a label key")]
    [InlineData("a/b/c=x", 0, "invalid label key")]
    [InlineData("=x", 0, "expected a label key")]
    public void Bad_input_gives_position_and_reason(string text, int position, string reason)
    {
        var result = LabelSelector.Parse(text);
        Assert.False(result.IsSuccess);
        Assert.Null(result.Selector);
        Assert.Equal(position, result.Error!.Position);
        Assert.Contains(reason, result.Error.Message);
        Assert.Throws<FormatException>(() => result.GetOrThrow());
    }

    [Fact]
    public void Too_long_label_value_is_rejected()
    {
        var result = LabelSelector.Parse("app=" + new string('a', 64));
        Assert.Contains("must be no more than 63 characters", result.Error!.Message);
    }

    [Fact]
    public void Json_selector_with_match_labels_and_expressions()
    {
        var json = JsonNode.Parse("""
            {"matchLabels":{"app":"web"},"matchExpressions":[
              {"key":"env","operator":"In","values":["prod","staging"]},
              {"key":"tier","operator":"NotIn","values":["db"]},
              {"key":"track","operator":"Exists"},
              {"key":"legacy","operator":"DoesNotExist"}]}
            """)!.AsObject();
        var selector = LabelSelector.FromSelectorJson(json).GetOrThrow();
        Assert.True(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["env"] = "prod", ["track"] = "x" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["env"] = "dev", ["track"] = "x" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["env"] = "prod" }));
        var back = LabelSelector.FromSelectorJson(selector.ToSelectorJson()).GetOrThrow();
        Assert.Equal(selector.ToString(), back.ToString());
    }

    [Fact]
    public void Json_selector_errors_name_the_bad_expression()
    {
        var bad = JsonNode.Parse("""{"matchExpressions":[{"key":"a","operator":"Maybe"}]}""")!.AsObject();
        Assert.Contains("matchExpressions[0].operator 'Maybe'", LabelSelector.FromSelectorJson(bad).Error!.Message);
        var noValues = JsonNode.Parse("""{"matchExpressions":[{"key":"a","operator":"In","values":[]}]}""")!.AsObject();
        Assert.Contains("non-empty", LabelSelector.FromSelectorJson(noValues).Error!.Message);
        Assert.False(LabelSelector.FromSelectorJson(null).IsSuccess);
        Assert.True(LabelSelector.FromSelectorJson(new JsonObject()).Selector!.IsEmpty);
    }
}
