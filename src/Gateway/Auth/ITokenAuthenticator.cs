namespace GitOps.Gateway.Auth;

/// <summary>
/// One way of checking a bearer token (registered in DI with <c>AddSingleton&lt;ITokenAuthenticator, ...&gt;</c>; asked in
/// registration order until one recognises the token), as kube-apiserver's token authenticators: the token file, then
/// ServiceAccount tokens.
/// </summary>
public interface ITokenAuthenticator
{
    ValueTask<TokenAuthentication> AuthenticateAsync(string token, CancellationToken cancellationToken);
}
