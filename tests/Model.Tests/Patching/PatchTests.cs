using System.Text.Json.Nodes;
using GitOps.Model.Patching;

namespace GitOps.Model.Tests.Patching;

public sealed class PatchTests
{
    [Fact]
    public void Merge_patch_merges_objects_replaces_lists_and_removes_nulls()
    {
        var target = JsonNode.Parse("""{"a":{"b":1,"c":2},"list":[1,2],"keep":true}""");
        var patch = JsonNode.Parse("""{"a":{"b":9,"c":null},"list":[3]}""");

        var result = MergePatch.Apply(target, patch);

        Assert.Equal("""{"a":{"b":9},"list":[3],"keep":true}""", result!.ToJsonString());
        Assert.Equal("""{"a":{"b":1,"c":2},"list":[1,2],"keep":true}""", target!.ToJsonString());
    }

    [Fact]
    public void Json_patch_supports_every_operation_and_escaped_pointers()
    {
        var document = JsonNode.Parse("""{"a/b":1,"list":[1,2,3],"obj":{"x":"y"}}""");
        var patch = JsonNode.Parse("""
            [{"op":"replace","path":"/a~1b","value":2},
             {"op":"add","path":"/list/-","value":4},
             {"op":"remove","path":"/list/0"},
             {"op":"copy","from":"/obj","path":"/copy"},
             {"op":"move","from":"/obj/x","path":"/moved"},
             {"op":"test","path":"/moved","value":"y"}]
            """);

        var (result, error) = JsonPatch.Apply(document, patch);

        Assert.Null(error);
        Assert.Equal("""{"a/b":2,"list":[2,3,4],"obj":{},"copy":{"x":"y"},"moved":"y"}""", result!.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"remove","path":"/missing"}]""", "does not exist")]
    [InlineData("""[{"op":"add","path":"/list/9","value":1}]""", "out of range")]
    [InlineData("""[{"op":"frobnicate","path":"/a"}]""", "unknown op")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""", "JSON pointer")]
    [InlineData("""{"op":"add"}""", "must be an array")]
    public void Json_patch_errors_name_the_problem(string patch, string expected)
    {
        var (result, error) = JsonPatch.Apply(JsonNode.Parse("""{"a":1,"list":[]}"""), JsonNode.Parse(patch));

        Assert.Null(result);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Strategic_merge_patch_merges_keyed_lists_and_honours_delete_directives()
    {
        var target = JsonNode.Parse("""
            {"spec":{"containers":[{"name":"a","image":"a:1","ports":[{"containerPort":80}]},{"name":"b","image":"b:1"}],
                     "tolerations":[{"key":"x"}]}}
            """);
        var patch = JsonNode.Parse("""
            {"spec":{"containers":[{"name":"a","image":"a:2"},{"name":"b","$patch":"delete"},{"name":"c","image":"c:1"}],
                     "tolerations":[{"key":"y"}],
                     "$setElementOrder/containers":[{"name":"a"},{"name":"c"}]}}
            """);

        var result = StrategicMergePatch.Apply(target, patch);

        Assert.Equal(
            """{"spec":{"containers":[{"name":"a","image":"a:2","ports":[{"containerPort":80}]},{"name":"c","image":"c:1"}],"tolerations":[{"key":"y"}]}}""",
            result!.ToJsonString());
    }
}
