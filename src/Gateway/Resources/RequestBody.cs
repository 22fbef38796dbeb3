using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Gateway.Errors;
using GitOps.Model.Json;
using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Resources;

/// <summary>
/// Reads request bodies under the size limit (413 above it) and parses them as JSON, giving a
/// 400 Status with the line and column of a syntax error.
/// </summary>
internal static class RequestBody
{
    public static async Task<(byte[]? Body, KubeStatus? Error)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return (null, KubeStatus.RequestEntityTooLarge(maxBytes));
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, maxBytes) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
                break;
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
                return (null, KubeStatus.RequestEntityTooLarge(maxBytes));
        }
        if (buffer.WrittenCount == 0)
            return (null, KubeStatus.BadRequest("the request has no body; send the object as JSON or YAML"));
        return (buffer.WrittenSpan.ToArray(), null);
    }

    public static (JsonNode? Node, KubeStatus? Error) ParseJson(byte[] body)
    {
        // A duplicate property would throw ArgumentException when the object is first read, far from the body at fault.
        var parsed = JsonText.Parse(body, new JsonDocumentOptions { MaxDepth = 128, AllowDuplicateProperties = false });
        return parsed.IsValid
            ? (parsed.Node, null)
            : (null, KubeStatus.BadRequest($"the request body is not valid JSON at line {parsed.Line}, column {parsed.Column}: {parsed.Problem}"));
    }

    public static bool IsYaml(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/yaml", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/x-yaml", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("text/yaml", StringComparison.OrdinalIgnoreCase));
}
