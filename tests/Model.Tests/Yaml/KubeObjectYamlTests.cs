using System.Text.Json.Nodes;
using GitOps.Model.Manifests;
using GitOps.Model.Objects;
using GitOps.Model.Yaml;

namespace GitOps.Model.Tests.Yaml;

public sealed class KubeObjectYamlTests
{
    private static JsonObject RoundTrip(KubeObject obj)
    {
        var yaml = KubeObjectYaml.Write(obj);
        var result = ManifestReader.Read(yaml, "out.yaml", new ManifestReaderOptions { Validate = false });
        Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors) + "\n" + yaml);
        return Assert.Single(result.Documents).Object.Root;
    }

    [Fact]
    public void Writes_block_style_like_kubectl()
    {
        var obj = KubeObject.FromJson("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"c","image":"nginx","args":["-v"]}]}}}}
            """);
        Assert.Equal("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                app: web
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                  - name: c
                    image: nginx
                    args:
                    - -v

            """.Replace("\r\n", "\n"), KubeObjectYaml.Write(obj));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("0o17")]
    [InlineData("1e3")]
    [InlineData(".5")]
    [InlineData("yes")]
    [InlineData("off")]
    [InlineData("- item")]
    [InlineData("key: value")]
    [InlineData("a #comment")]
    [InlineData(" padded ")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("{flow}")]
    [InlineData("[flow]")]
    [InlineData("'single'")]
    [InlineData("\"double\"")]
    [InlineData("ends:")]
    [InlineData("tab\there")]
    [InlineData("bell\u0007")]
    [InlineData("line\r\nbreak")]
    [InlineData("two\n\n")]
    [InlineData("  indented\nfirst")]
    [InlineData("trailing \nspace")]
    [InlineData("multi\nline\n")]
    [InlineData("multi\nline")]
    [InlineData("---")]
    [InlineData("ünïcödé ✓ 😀")]
    [InlineData("%percent")]
    [InlineData("@at")]
    [InlineData("10.0.0.1")]
    [InlineData("1.2.3")]
    [InlineData("#hash")]
    [InlineData("?question")]
    [InlineData("http://example.com/a?b=c#d")]
    public void Strings_read_back_as_the_same_string(string value)
    {
        var obj = new KubeObject("v1", "ConfigMap", "default", "c");
        obj.Root["data"] = new JsonObject { ["value"] = value, [value.Length == 0 ? "empty" : value] = "key" };
        var back = RoundTrip(obj);
        Assert.True(JsonNode.DeepEquals(obj.Root, back), $"{obj.ToJson()}\n!=\n{back.ToJsonString()}");
    }

    [Fact]
    public void Numbers_booleans_nulls_and_empty_collections_keep_their_types()
    {
        var obj = KubeObject.FromJson("""
            {"apiVersion":"v1","kind":"X","metadata":{"name":"x"},
             "v":{"i":1,"neg":-2,"f":1.5,"e":1e-7,"big":123456789012345678901234,"t":true,"n":null,"o":{},"a":[],"nested":[[1,2],[{"a":1}],[]]}}
            """);
        var back = RoundTrip(obj);
        Assert.True(JsonNode.DeepEquals(obj.Root, back), back.ToJsonString());
    }

    [Fact]
    public void Multi_line_strings_use_literal_blocks()
    {
        var obj = new KubeObject("v1", "ConfigMap", "default", "c");
        obj.Root["data"] = new JsonObject { ["script"] = "#!/bin/sh\necho hi\n" };
        var yaml = KubeObjectYaml.Write(obj);
        Assert.Contains("script: |\n    #!/bin/sh\n    echo hi\n", yaml);
        Assert.True(JsonNode.DeepEquals(obj.Root, RoundTrip(obj)));
    }

    [Fact]
    public void Write_all_separates_documents()
    {
        var a = new KubeObject("v1", "ConfigMap", "default", "a");
        var b = new KubeObject("v1", "ConfigMap", "default", "b");
        var result = ManifestReader.Read(KubeObjectYaml.WriteAll([a, b]), "all.yaml");
        Assert.Equal(["a", "b"], result.Documents.Select(d => d.Object.Metadata.Name));
    }
}
