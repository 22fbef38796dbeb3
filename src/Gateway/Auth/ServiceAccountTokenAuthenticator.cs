using GitOps.Model.Objects;
using GitOps.Store;

namespace GitOps.Gateway.Auth;

/// <summary>
/// ServiceAccount tokens: a token this cluster signed is accepted while its ServiceAccount exists with the uid the token
/// names, read from the store on every request, so deleting the ServiceAccount (or re-creating it under the same name)
/// revokes its tokens at once on every silo.
/// </summary>
internal sealed class ServiceAccountTokenAuthenticator(ServiceAccountTokens tokens, IResourceStore store) : ITokenAuthenticator
{
    public async ValueTask<TokenAuthentication> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        var (account, failure) = tokens.Verify(token);
        if (account is null)
            return failure is null ? TokenAuthentication.NotRecognized : TokenAuthentication.Failed(failure);
        var stored = await store.GetAsync(new ResourceKey("", "ServiceAccount", account.Namespace, account.Name), cancellationToken);
        if (stored is null)
            return TokenAuthentication.Failed($"ServiceAccount {account.Namespace}/{account.Name} no longer exists");
        if (stored.Metadata.Uid != account.Uid)
            return TokenAuthentication.Failed($"ServiceAccount {account.Namespace}/{account.Name} was re-created (uid {stored.Metadata.Uid}, the token names {account.Uid})");
        return TokenAuthentication.Success(account.ToUser());
    }
}
