using System.Text.Json.Nodes;
using GitOps.Model.Manifests;

namespace GitOps.Model.Tests.Manifests;

public sealed class ManifestReaderTests
{
    [Fact]
    public void Reads_every_document_with_its_line()
    {
        const string yaml = """
            # leading comment
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            # only a comment
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers: [{name: web, image: "nginx:1.27"}]
            """;
        var result = ManifestReader.Read(yaml, "apps/web.yaml");
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Documents.Count);
        Assert.Equal(2, result.Documents[0].Line);
        Assert.Equal(9, result.Documents[1].Line);
        Assert.Equal(0, result.Documents[0].DocumentIndex);
        Assert.Equal(1, result.Documents[1].DocumentIndex);
        Assert.Equal("apps/web.yaml", result.Documents[1].File);
        Assert.Equal(3, result.Documents[1].Object.Spec!["replicas"]!.GetValue<long>());
    }

    [Fact]
    public void Plain_scalars_follow_the_yaml_1_2_core_schema()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data:
              quoted: "true"
              single: '123'
              yes: yes
              on: on
              bool: true
              upper: TRUE
              nul: ~
              empty:
              int: 42
              neg: -7
              octal: 0o17
              hex: 0x1F
              float: 1.50
              exp: 1e3
              dotted: .5
              big: 123456789012345678901234567890
              version: 1.2.3
              time: 2026-01-01T00:00:00Z
              literal: |
                line one
                line two
              tagged: !!str 12
            """;
        var result = ManifestReader.Read(yaml, "c.yaml");
        Assert.Empty(result.Errors);
        var data = result.Documents[0].Object.Root["data"]!.AsObject();
        Assert.Equal("\"true\"", data["quoted"]!.ToJsonString());
        Assert.Equal("\"123\"", data["single"]!.ToJsonString());
        Assert.Equal("\"yes\"", data["yes"]!.ToJsonString());
        Assert.Equal("\"on\"", data["on"]!.ToJsonString());
        Assert.Equal("true", data["bool"]!.ToJsonString());
        Assert.Equal("true", data["upper"]!.ToJsonString());
        Assert.Null(data["nul"]);
        Assert.True(data.ContainsKey("empty"));
        Assert.Null(data["empty"]);
        Assert.Equal("42", data["int"]!.ToJsonString());
        Assert.Equal("-7", data["neg"]!.ToJsonString());
        Assert.Equal("15", data["octal"]!.ToJsonString());
        Assert.Equal("31", data["hex"]!.ToJsonString());
        Assert.Equal("1.50", data["float"]!.ToJsonString());
        Assert.Equal("1e3", data["exp"]!.ToJsonString());
        Assert.Equal("0.5", data["dotted"]!.ToJsonString());
        Assert.Equal("123456789012345678901234567890", data["big"]!.ToJsonString());
        Assert.Equal("\"1.2.3\"", data["version"]!.ToJsonString());
        Assert.Equal("\"2026-01-01T00:00:00Z\"", data["time"]!.ToJsonString());
        Assert.Equal("line one\nline two\n", data["literal"]!.GetValue<string>());
        Assert.Equal("\"12\"", data["tagged"]!.ToJsonString());
    }

    [Fact]
    public void Json_files_keep_numbers_exact()
    {
        const string json = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"x":{"big":12345678901234567890123,"f":1.10}}""";
        var result = ManifestReader.Read(json, "c.json");
        Assert.Empty(result.Errors);
        Assert.Equal("""{"big":12345678901234567890123,"f":1.10}""", result.Documents[0].Object.Root["x"]!.ToJsonString());
    }

    [Fact]
    public void List_documents_expand_their_items()
    {
        const string yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: a
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: b
            """;
        var result = ManifestReader.Read(yaml, "list.yaml");
        Assert.Empty(result.Errors);
        Assert.Equal(["a", "b"], result.Documents.Select(d => d.Object.Metadata.Name));
        Assert.Equal(4, result.Documents[0].Line);
        Assert.Equal(8, result.Documents[1].Line);
    }

    [Fact]
    public void Json_list_expands_items()
    {
        const string json = """{"apiVersion":"v1","kind":"ConfigMapList","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}]}""";
        var result = ManifestReader.Read(json, "list.json");
        Assert.Empty(result.Errors);
        Assert.Equal("a", Assert.Single(result.Documents).Object.Metadata.Name);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_are_expanded()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              labels: &labels
                app: web
              annotations:
                <<: *labels
                extra: "1"
            data:
              copy: *labels
            """;
        var result = ManifestReader.Read(yaml, "c.yaml");
        Assert.Empty(result.Errors);
        var root = result.Documents[0].Object.Root;
        Assert.Equal("web", root["metadata"]!["annotations"]!["app"]!.GetValue<string>());
        Assert.Equal("web", root["data"]!["copy"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public void Unknown_kinds_and_fields_are_kept()
    {
        const string yaml = """
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: "system:w1"
            spec:
              anything: [1, {a: b}]
            """;
        var result = ManifestReader.Read(yaml, "w.yaml");
        Assert.Empty(result.Errors);
        Assert.Equal("""[1,{"a":"b"}]""", result.Documents[0].Object.Spec!["anything"]!.ToJsonString());
    }

    [Fact]
    public void Documents_without_content_are_skipped_silently()
    {
        var result = ManifestReader.Read("# nothing\n---\n---\n# still nothing\n...\n", "empty.yaml");
        Assert.Empty(result.Documents);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Validation_can_be_turned_off()
    {
        var result = ManifestReader.Read("kind: Thing\n", "t.yaml", new ManifestReaderOptions { Validate = false });
        Assert.Empty(result.Errors);
        Assert.Equal("Thing", Assert.Single(result.Documents).Object.Kind);
    }

    [Fact]
    public void Options_check_names_bad_settings() =>
        Assert.Contains("MaxDepth", Assert.Single(new ManifestReaderOptions { MaxDepth = 0 }.Check()));

    [Fact]
    public void Error_prints_file_line_and_column() =>
        Assert.Equal("apps/web.yaml:12:3: boom", new ManifestError("apps/web.yaml", 12, 3, "boom", 0).ToString());

    [Fact]
    public void Reading_twice_gives_equal_trees()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: '1'}\n";
        var a = ManifestReader.Read(yaml, "a.yaml").Documents[0].Object.Root;
        var b = ManifestReader.Read(yaml, "a.yaml").Documents[0].Object.Root;
        Assert.True(JsonNode.DeepEquals(a, b));
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_accepted()
    {
        var yaml = "\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: a\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: b\r\n";
        var result = ManifestReader.Read(yaml, "crlf.yaml");
        Assert.Empty(result.Errors);
        Assert.Equal(["a", "b"], result.Documents.Select(d => d.Object.Metadata.Name));
        Assert.Equal(6, result.Documents[1].Line);
    }

    [Fact]
    public void Reading_a_pod_node_name_does_not_add_a_spec()
    {
        var pod = new GitOps.Model.Kinds.Pod(new GitOps.Model.Objects.KubeObject("v1", "Pod", "default", "p"));
        Assert.Null(pod.NodeName);
        Assert.Null(pod.Object.Spec);
    }
}
