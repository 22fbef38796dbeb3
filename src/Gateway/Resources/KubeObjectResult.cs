using System.Text.Json;
using GitOps.Gateway.Tables;
using GitOps.Model.Objects;
using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Resources;

/// <summary>Writes one object, as itself or (when the client asked for a Table) as a one-row Table.</summary>
internal sealed class KubeObjectResult(KubeObject obj, int statusCode, IncludeObject? table) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        if (table is { } include)
        {
            await using var writer = new Utf8JsonWriter(response.BodyWriter);
            TableWriter.Write(writer, ResourceKey.Of(obj).Type, [obj], include, obj.Metadata.ResourceVersion);
            await writer.FlushAsync(httpContext.RequestAborted);
            return;
        }
        await response.Body.WriteAsync(obj.ToUtf8Json(), httpContext.RequestAborted);
    }
}
