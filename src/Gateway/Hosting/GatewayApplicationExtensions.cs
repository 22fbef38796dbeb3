using GitOps.Gateway.Auth;
using GitOps.Gateway.Auth.Hosting;
using GitOps.Gateway.Auth.Reviews;
using GitOps.Gateway.Dashboard;
using GitOps.Gateway.Discovery;
using GitOps.Gateway.Edge;
using GitOps.Gateway.Limits;
using GitOps.Gateway.Metrics;
using GitOps.Gateway.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using GitOps.Gateway.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GitOps.Gateway.Hosting;

public static class GatewayApplicationExtensions
{
    /// <summary>
    /// Maps the gateway: the Kubernetes resource API (/api, /apis), discovery (/version),
    /// the OpenAPI documents kubectl reads (/openapi/v2, /openapi/v3), Swagger (/swagger),
    /// /healthz, /livez, /readyz, /metrics and the dashboard (/ → /dashboard); and adds the middleware that
    /// records request metrics, refuses a Host this silo does not serve (400), refuses requests beyond the
    /// in-flight limits (429), answers every Kubernetes-path error with a Status object (an unexpected one
    /// without its text, under a correlation id the log has), authenticates every request but the public ones
    /// (<see cref="PublicEndpoints"/>): 401 without a valid token; then authorizes it, the GitOps API's included
    /// (403 unless the Node or RBAC authorizer allows it), and refuses bodies of unsupported types (415); plus the
    /// access reviews kubectl auth can-i asks.
    /// Call it on the built application, before <c>Run</c>; the GitOps API is mapped separately, after it, so it is authenticated too.
    /// </summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseMiddleware<HttpMetricsMiddleware>();
        app.UseMiddleware<HostCheckMiddleware>();
        app.UseMiddleware<InFlightLimitMiddleware>();
        app.UseMiddleware<KubeErrorMiddleware>();
        app.UseGatewayAuthentication();
        app.UseMiddleware<AuthorizationMiddleware>();
        app.UseMiddleware<ContentTypeMiddleware>();
        app.UseSwagger();
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "swagger";
            ui.SwaggerEndpoint("/swagger/v1/swagger.json", "GitOps gateway v1");
        });

        app.MapDiscovery();
        app.MapOpenApiDocuments();
        app.MapTokenRequest();
        app.MapSelfSubjectReview();
        app.MapResourceApi();
        app.MapAccessReviews();
        app.MapMetrics();
        app.MapDashboard();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false })
            .WithName("getHealthz").WithSummary("Liveness: the process is up").WithTags("Operations");
        app.MapHealthChecks("/livez", new HealthCheckOptions { Predicate = _ => false })
            .WithName("getLivez").WithSummary("Liveness: the process is up (as kube-apiserver's /livez)").WithTags("Operations");
        app.MapHealthChecks("/readyz", new HealthCheckOptions
            {
                ResultStatusCodes =
                {
                    [HealthStatus.Healthy] = StatusCodes.Status200OK,
                    [HealthStatus.Degraded] = StatusCodes.Status200OK,
                    [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
                },
                ResponseWriter = HealthReportWriter.WriteAsync,
            })
            .WithName("getReadyz").WithSummary("Readiness: storage reachable, migrations applied, grain runtime started, watch cache following").WithTags("Operations");
        return app;
    }
}
