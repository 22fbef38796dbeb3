using System.Text;
using GitOps.Gateway.Errors;
using GitOps.Model.Manifests;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Resources;

/// <summary>
/// Parses a YAML request body (application/yaml) holding one object, with the Model's manifest
/// reader (bounded depth and alias expansion); a syntax error gives a 400 Status with line and column.
/// </summary>
internal static class YamlBody
{
    private const string FileName = "request body";

    public static (KubeObject? Object, KubeStatus? Error) Parse(byte[] body, long maxBytes)
    {
        var options = new ManifestReaderOptions { Validate = false, MaxDocumentBytes = (int)Math.Min(maxBytes, int.MaxValue) };
        var result = ManifestReader.Read(Encoding.UTF8.GetString(body), FileName, options);
        if (result.Errors.Count > 0)
        {
            var error = result.Errors[0];
            return (null, KubeStatus.BadRequest($"the request body is not a valid YAML object at line {error.Line}, column {error.Column}: {error.Message}"));
        }
        return result.Documents.Count == 1
            ? (result.Documents[0].Object, null)
            : (null, KubeStatus.BadRequest($"the request body must hold exactly one YAML document, not {result.Documents.Count}"));
    }
}
