using System.Text;
using GitOps.Model.Manifests;

namespace GitOps.Model.Tests.Manifests;

public sealed class ManifestBadInputTests
{
    private const string DeploymentSpec =
        "spec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx}]\n";

    private const string Valid = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n";

    [Fact]
    public void Malformed_yaml_reports_line_and_column_and_keeps_other_documents()
    {
        var yaml = Valid + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n---\n" + Valid.Replace("ok", "ok2");
        var result = ManifestReader.Read(yaml, "bad.yaml");
        var error = Assert.Single(result.Errors);
        Assert.Equal("bad.yaml", error.File);
        Assert.InRange(error.Line, 9, 10);
        Assert.True(error.Column >= 1);
        Assert.Equal(1, error.DocumentIndex);
        Assert.Contains("not valid YAML", error.Message);
        Assert.Equal(["ok", "ok2"], result.Documents.Select(d => d.Object.Metadata.Name));
    }

    [Fact]
    public void Bad_indentation_is_located()
    {
        var result = ManifestReader.Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n bad: x\n", "indent.yaml");
        var error = Assert.Single(result.Errors);
        Assert.Equal(5, error.Line);
        Assert.StartsWith("indent.yaml:5:", error.ToString());
    }

    [Fact]
    public void Duplicate_keys_warn_and_the_last_value_wins_as_in_kubernetes()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n";
        var result = ManifestReader.Read(yaml, "dup.yaml");
        Assert.Empty(result.Errors);
        Assert.Equal("b", Assert.Single(result.Documents).Object.Metadata.Name);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(5, warning.Line);
        Assert.Contains("'name' is already defined", warning.Message);
    }

    [Fact]
    public void Duplicate_keys_can_be_made_errors()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n";
        var result = ManifestReader.Read(yaml, "dup.yaml", new ManifestReaderOptions { DuplicateKeysAreErrors = true });
        Assert.Empty(result.Documents);
        Assert.Equal(5, Assert.Single(result.Errors).Line);
    }

    [Theory]
    [InlineData("kind: ConfigMap\nmetadata:\n  name: a\n", "apiVersion", 1)]
    [InlineData("apiVersion: v1\nmetadata:\n  name: a\n", "kind", 1)]
    [InlineData("apiVersion: v1\nkind: ConfigMap\n", "metadata", 1)]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n", "metadata.name", 3)]
    public void Missing_required_fields_are_located_errors(string yaml, string field, int line)
    {
        var result = ManifestReader.Read("# header\n" + yaml, "m.yaml");
        Assert.Empty(result.Documents);
        var error = Assert.Single(result.Errors);
        Assert.Contains($"{field}: Required value", error.Message);
        Assert.Equal(line + 1, error.Line);
    }

    [Fact]
    public void Invalid_name_points_at_the_name_line_with_kubernetes_message()
    {
        var result = ManifestReader.Read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  namespace: default\n  name: Web_App\n" + DeploymentSpec, "apps/web.yaml");
        var error = Assert.Single(result.Errors);
        Assert.Equal(5, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("Deployment Web_App: metadata.name: Invalid value: \"Web_App\": a lowercase RFC 1123 subdomain must consist of", error.Message);
        Assert.Contains("regex used for validation is", error.Message);
    }

    [Fact]
    public void Invalid_label_points_at_the_label_line()
    {
        var result = ManifestReader.Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    ok: fine\n    -bad: x\n", "l.yaml");
        var error = Assert.Single(result.Errors);
        Assert.Equal(7, error.Line);
        Assert.Contains("metadata.labels", error.Message);
    }

    [Fact]
    public void Duplicate_object_across_two_files_is_rejected_with_both_locations()
    {
        var first = ManifestReader.Read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n" + DeploymentSpec, "a/web.yaml");
        var second = ManifestReader.Read(Valid + "---\n# again\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n" + DeploymentSpec, "b/web.yaml");
        var combined = ManifestSet.Combine(first, second);
        Assert.Equal(["ok"], combined.Documents.Select(d => d.Object.Metadata.Name));
        var error = Assert.Single(combined.Errors);
        Assert.Equal("b/web.yaml", error.File);
        Assert.Equal(7, error.Line);
        Assert.Contains("a/web.yaml:1", error.Message);
        Assert.Contains("b/web.yaml:7", error.Message);
        Assert.Contains("Deployment.apps shop/web", error.Message);
    }

    [Fact]
    public void Same_name_in_different_kinds_or_namespaces_is_not_a_duplicate()
    {
        var a = ManifestReader.Read("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: a}\n", "a.yaml");
        var b = ManifestReader.Read("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: b}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: x, namespace: a}\n", "b.yaml");
        var combined = ManifestSet.Combine(a, b);
        Assert.Empty(combined.Errors);
        Assert.Equal(3, combined.Documents.Count);
    }

    [Fact]
    public void Billion_laughs_fails_fast_with_file_and_line()
    {
        var yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append($"  {level}: &{level} [{string.Join(",", Enumerable.Repeat($"*{previous}", 9))}]\n");
        }
        var result = ManifestReader.Read(yaml.ToString(), "bomb.yaml");
        Assert.Empty(result.Documents);
        var error = Assert.Single(result.Errors);
        Assert.Equal("bomb.yaml", error.File);
        Assert.InRange(error.Line, 7, 14);
        Assert.Contains("billion laughs", error.Message);
    }

    [Fact]
    public void Oversized_document_is_rejected_without_parsing_and_others_still_read()
    {
        var big = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: \"" + new string('x', 2_000) + "\"\n";
        var result = ManifestReader.Read(Valid + "---\n" + big, "big.yaml", new ManifestReaderOptions { MaxDocumentBytes = 1_000 });
        var error = Assert.Single(result.Errors);
        Assert.Equal(5, error.Line);
        Assert.Contains("over the limit of 1000 bytes", error.Message);
        Assert.Equal("ok", Assert.Single(result.Documents).Object.Metadata.Name);
    }

    [Fact]
    public void Oversized_document_at_the_default_limit_is_rejected()
    {
        var big = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: \"" + new string('x', 1_100_000) + "\"\n";
        var error = Assert.Single(ManifestReader.Read(big, "big.yaml").Errors);
        Assert.Contains("MaxDocumentBytes", error.Message);
    }

    [Fact]
    public void Too_deep_nesting_is_a_located_error()
    {
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: " + new string('[', 500) + new string(']', 500) + "\n";
        var error = Assert.Single(ManifestReader.Read(yaml, "deep.yaml").Errors);
        Assert.Equal(5, error.Line);
        Assert.Contains("deeper than 100", error.Message);
    }

    [Fact]
    public void Too_deep_block_nesting_is_a_located_error()
    {
        var yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n");
        for (var i = 0; i < 150; i++)
            yaml.Append(new string(' ', i)).Append("k:\n");
        var error = Assert.Single(ManifestReader.Read(yaml.ToString(), "deep.yaml").Errors);
        Assert.Contains("deeper than 100", error.Message);
    }

    [Fact]
    public void Too_deep_json_is_a_located_error()
    {
        var json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"d\"},\"x\":" + new string('[', 500) + new string(']', 500) + "}";
        var error = Assert.Single(ManifestReader.Read(json, "deep.json").Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void Malformed_json_reports_line_and_column()
    {
        var error = Assert.Single(ManifestReader.Read("{\n  \"apiVersion\": \"v1\",\n  \"kind\" \"ConfigMap\"\n}", "x.json").Errors);
        Assert.Equal(3, error.Line);
        Assert.True(error.Column > 1);
    }

    [Fact]
    public void Undefined_alias_is_a_located_error()
    {
        var error = Assert.Single(ManifestReader.Read(Valid + "data:\n  a: *nope\n", "alias.yaml").Errors);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void A_scalar_document_is_not_an_object()
    {
        var error = Assert.Single(ManifestReader.Read("just text\n", "t.yaml").Errors);
        Assert.Contains("not an object", error.Message);
    }

    [Theory]
    [InlineData("\t- a: b\n")]
    [InlineData("a: b: c\n")]
    [InlineData("{a: 1\n")]
    [InlineData("\"unterminated\n")]
    [InlineData("a: !!int notanumber\n")]
    [InlineData("a: !!bool maybe\n")]
    [InlineData("? [a]\n: b\n")]
    [InlineData("a: &x 1\nb: *x\n<<: 5\n")]
    [InlineData("%YAML 1.2\n%YAML 1.2\n---\na: 1\n")]
    [InlineData("\u0000\u0001")]
    public void Garbage_never_throws(string text)
    {
        var result = ManifestReader.Read(text, "g.yaml");
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.True(e.Line >= 1));
    }
}
