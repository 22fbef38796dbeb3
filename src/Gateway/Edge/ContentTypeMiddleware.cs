using GitOps.Gateway.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace GitOps.Gateway.Edge;

/// <summary>
/// Refuses a request body that does not declare a supported content type with 415 and a Status, on
/// every route (Kubernetes API, GitOps API, webhook). This is what keeps a web page from writing
/// through a browser that can reach the silo: a cross-site request without a CORS preflight may only
/// carry text/plain, form or multipart bodies, and none of those is accepted here. Protobuf, which
/// kubectl may offer, is read only by the endpoints marked <see cref="ReadsProtobufBody"/>.
/// </summary>
internal sealed class ContentTypeMiddleware(RequestDelegate next)
{
    /// <summary>JSON, YAML and the patch types kubectl sends; parameters such as charset are ignored.</summary>
    public static IReadOnlyList<string> Supported { get; } =
    [
        "application/json", "application/yaml", "application/apply-patch+yaml", "application/json-patch+json",
        "application/merge-patch+json", "application/strategic-merge-patch+json", "application/x-yaml", "text/yaml",
    ];

    public Task InvokeAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (!CarriesBody(httpContext) || IsSupported(request.ContentType)
            || (ReadsProtobufBody.IsProtobuf(request.ContentType) && httpContext.GetEndpoint()?.Metadata.GetMetadata<ReadsProtobufBody>() is not null))
            return next(httpContext);
        var status = KubeStatus.UnsupportedMediaType(request.ContentType, Supported);
        if (ReadsProtobufBody.IsProtobuf(request.ContentType))
            status = status with
            {
                Message = "this server reads JSON and YAML bodies, not protobuf; kubectl's generator commands " +
                    "(kubectl create namespace|deployment|configmap ...) send protobuf: write the object to a file and use kubectl create -f or kubectl apply -f",
            };
        return new StatusResult(status).ExecuteAsync(httpContext);
    }

    private static bool CarriesBody(HttpContext httpContext) =>
        !(HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method) || HttpMethods.IsOptions(httpContext.Request.Method))
        && (httpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? httpContext.Request.ContentLength > 0)
        && httpContext.Request.ContentLength != 0;

    private static bool IsSupported(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && Supported.Contains(parsed.MediaType.Value, StringComparer.OrdinalIgnoreCase);
}
