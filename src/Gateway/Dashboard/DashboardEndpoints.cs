using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitOps.Gateway.Dashboard;

/// <summary>The dashboard: one static page (embedded in the assembly) that polls <c>/api/gitops/status</c>.</summary>
internal static class DashboardEndpoints
{
    private const string ResourceName = "GitOps.Gateway.Dashboard.dashboard.html";
    private static readonly Lazy<byte[]> Page = new(LoadPage);

    public static void MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Results.Redirect("/dashboard"))
            .WithName("getRoot").WithSummary("Redirects to the dashboard").WithTags("Dashboard").Produces(StatusCodes.Status302Found);
        endpoints.MapGet("/dashboard", () => Results.Bytes(Page.Value, "text/html; charset=utf-8"))
            .WithName("getDashboard").WithSummary("The dashboard page: sources, nodes, pods by phase, deployments").WithTags("Dashboard")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
    }

    private static byte[] LoadPage()
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The dashboard page {ResourceName} is not embedded in {typeof(DashboardEndpoints).Assembly.GetName().Name}; check Gateway.csproj.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
