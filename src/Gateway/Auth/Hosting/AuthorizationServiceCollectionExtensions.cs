using GitOps.Gateway.Auth.Nodes;
using GitOps.Gateway.Auth.Rbac;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.Gateway.Auth.Hosting;

public static class AuthorizationServiceCollectionExtensions
{
    /// <summary>
    /// Adds authorization: the authorizer chain in kube-apiserver's <c>--authorization-mode=Node,RBAC</c> order
    /// (<see cref="NodeAuthorizer"/>, then <see cref="RbacAuthorizer"/>), the <see cref="RbacPolicy"/> they and the
    /// access reviews read (from the shared informers), and the <see cref="AuthorizationChain"/> that asks them.
    /// </summary>
    public static IServiceCollection AddGatewayAuthorization(this IServiceCollection services)
    {
        services.TryAddSingleton<RbacPolicy>();
        services.TryAddSingleton<AuthorizationChain>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizer, NodeAuthorizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizer, RbacAuthorizer>());
        return services;
    }
}
