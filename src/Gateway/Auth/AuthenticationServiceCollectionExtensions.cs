using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Auth;

public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Adds authentication: the settings of <c>GitOps:Auth</c> (validated at start-up, the token file included) and
    /// the token authenticators in the order they are asked: the token file, then ServiceAccount tokens.
    /// </summary>
    public static IServiceCollection AddGatewayAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton<StaticTokenAuthenticator>();
        services.AddSingleton<ITokenAuthenticator>(sp => sp.GetRequiredService<StaticTokenAuthenticator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ServiceAccountSigningKey>();
        services.TryAddSingleton<ServiceAccountTokens>();
        services.AddSingleton<ITokenAuthenticator, ServiceAccountTokenAuthenticator>();
        return services;
    }
}
