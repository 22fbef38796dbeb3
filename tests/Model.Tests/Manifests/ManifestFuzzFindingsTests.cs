using GitOps.Model.Manifests;
using GitOps.Model.Tests.Fuzzing;

namespace GitOps.Model.Tests.Manifests;

/// <summary>
/// The inputs the manifest fuzz tests found, cut down to what still showed the fault, each with the location its error
/// must have. Every one used to throw out of the reader or report a place outside the file.
/// </summary>
public sealed class ManifestFuzzFindingsTests
{
    private const string Valid = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n";

    [Theory]
    // YamlDotNet's scanner throws InvalidOperationException, not YamlException, on these.
    [InlineData("m.yaml", ":\n[\nm", 3, "not valid YAML")]
    [InlineData("m.yaml", "...\0", 1, "not valid YAML")]
    [InlineData("m.yaml", "apiVersion: v1\n[ind: ReplicationController\nmetadata:\n  name: a\n", 3, "not valid YAML")]
    // A workload cut inside its template: the spec rules indexed into a string as if it were a mapping.
    [InlineData("m.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    m", 8, "spec.template.spec")]
    [InlineData("m.yaml", "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: '* * * * *'\n  jobTemplate: x\n", 7, "spec.jobTemplate.spec")]
    // YamlDotNet counts U+2028 as a line break; the file's lines (and the error's) do not.
    [InlineData("m.yaml", "a:\n  - b\u2028c\n d: [\n", 3, "not valid YAML")]
    // System.Text.Json's column is in UTF-8 bytes; the error's is in characters.
    [InlineData("m.json", "{\n  \"k\u00e9\u00e9\u00e9\": \"x", 2, "not valid JSON")]
    // A lone surrogate escape parses, and throws only when the string is read.
    [InlineData("m.json", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\", \"labels\": {\"\\uD800\": \"x\"}}}", 1, "lone UTF-16 surrogate")]
    // A whole number past long's range (2.7e19) threw OverflowException where it was read as an integer.
    // (Below spec, an error is located at the nearest field the reader records positions for: here spec.ports.)
    [InlineData("m.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: mongo\nspec:\n  ports:\n    - port: 270E17\n", 6, "must be between 1 and 65535")]
    public void A_found_input_is_a_located_error(string file, string input, int line, string message)
    {
        var result = ManifestReaderCheck.Read(file, System.Text.Encoding.UTF8.GetBytes(input));

        Assert.True(result.Errors.Count > 0 && result.Errors.All(e => e.Line == line) && result.Errors.Any(e => e.Message.Contains(message)),
            $"expected errors at line {line} saying '{message}', got:\n{string.Join("\n", result.Errors)}");
    }

    [Fact]
    public void A_document_the_yaml_library_throws_on_does_not_hide_the_file_s_other_documents()
    {
        var result = ManifestReader.Read(Valid + "---\n:\n[\nm\n---\n" + Valid.Replace("ok", "ok2"), "m.yaml");

        Assert.Equal(["ok", "ok2"], result.Documents.Select(d => d.Object.Metadata.Name));
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.DocumentIndex);
        Assert.InRange(error.Line, 6, 8);
    }

    [Fact]
    public void A_json_column_counts_characters_not_bytes()
    {
        var error = Assert.Single(ManifestReader.Read("{\n  \"k\u00e9\u00e9\u00e9\": \"x", "m.json").Errors);

        Assert.Equal(13, error.Column);
    }
}
