using System.Globalization;
using System.Text.Json;
using GitOps.Gateway.Registry;
using GitOps.Gateway.Tables;
using GitOps.Store;
using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Resources;

/// <summary>
/// Writes one page of a list as <c>&lt;Kind&gt;List</c> (or a Table), streaming items to the
/// response and flushing every few hundred so a 10,000-item list never sits whole in a buffer.
/// </summary>
internal sealed class KubeListResult(ApiResource resource, ListPage page, IncludeObject? table) : IResult
{
    private const int FlushEvery = 256;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        var resourceVersion = page.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        await using var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { SkipValidation = true });
        if (table is { } include)
        {
            TableWriter.Write(writer, resource.Type, page.Items, include, resourceVersion, page.Continue, page.RemainingItemCount);
            await writer.FlushAsync(httpContext.RequestAborted);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("kind", resource.Kind + "List");
        writer.WriteString("apiVersion", resource.ApiVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", resourceVersion);
        if (page.Continue is not null)
            writer.WriteString("continue", page.Continue);
        if (page.RemainingItemCount is { } remaining)
            writer.WriteNumber("remainingItemCount", remaining);
        writer.WriteEndObject();
        writer.WriteStartArray("items");
        for (var i = 0; i < page.Items.Count; i++)
        {
            page.Items[i].Root.WriteTo(writer);
            if (i % FlushEvery == FlushEvery - 1)
            {
                await writer.FlushAsync(httpContext.RequestAborted);
                await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
