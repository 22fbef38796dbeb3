using GitOps.Gateway.Auth;
using GitOps.NodeAgent.Client;

namespace GitOps.Silo.Access;

/// <summary>
/// Identities for the silo's in-process simulated nodes: a fresh token per node, accepted by this silo as
/// system:node:NAME until it stops, so each node is held to its own objects as a separate agent's would be.
/// </summary>
internal static class InProcessNodeTokens
{
    public static AgentCredentials Register(IServiceCollection services, IEnumerable<string> nodeNames)
    {
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in nodeNames)
        {
            var token = SiloAccess.NewToken();
            services.AddSingleton(new InProcessToken(token, NodeUser.Of(name)));
            tokens[name] = token;
        }
        return new AgentCredentials(null, tokens);
    }
}
