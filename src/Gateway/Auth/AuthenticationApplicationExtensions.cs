using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Auth;

public static class AuthenticationApplicationExtensions
{
    /// <summary>Adds the authentication middleware; says loudly at start when the test-only anonymous switch is on.</summary>
    public static WebApplication UseGatewayAuthentication(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.AllowAnonymous)
            AuthLog.AnonymousAllowed(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthenticationMiddleware)));
        app.UseMiddleware<AuthenticationMiddleware>();
        return app;
    }
}
