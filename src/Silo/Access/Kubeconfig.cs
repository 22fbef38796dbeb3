using System.Text;

namespace GitOps.Silo.Access;

/// <summary>
/// A kubeconfig with one cluster (the silo's address and, for its self-signed certificate, that certificate as the CA),
/// one user (a bearer token) and the context joining them.
/// </summary>
internal static class Kubeconfig
{
    public static string Render(Uri server, string? certificateAuthorityPem, string user, string token) =>
        $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: gitops
          cluster:
            server: {server.AbsoluteUri.TrimEnd('/')}{(certificateAuthorityPem is null ? "" : $"\n    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(certificateAuthorityPem))}")}
        users:
        - name: {user}
          user:
            token: {token}
        contexts:
        - name: gitops
          context:
            cluster: gitops
            user: {user}
            namespace: default
        current-context: gitops

        """;
}
