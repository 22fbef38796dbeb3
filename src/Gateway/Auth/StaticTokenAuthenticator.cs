using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Auth;

/// <summary>
/// Bearer tokens from the token file (<see cref="AuthOptions.TokenFile"/>, read once at start, as kube-apiserver reads
/// its <c>--token-auth-file</c>) and the <see cref="InProcessToken"/>s the process registered (the silo's in-process nodes).
/// </summary>
public sealed class StaticTokenAuthenticator : ITokenAuthenticator
{
    private readonly Dictionary<string, UserInfo> _users = new(StringComparer.Ordinal);

    public StaticTokenAuthenticator(IOptions<AuthOptions> options, IEnumerable<InProcessToken> inProcess)
    {
        foreach (var token in inProcess)
            _users[token.Token] = token.User;
        if (string.IsNullOrWhiteSpace(options.Value.TokenFile))
            return;
        var contents = TokenFile.Read(options.Value.TokenFile);
        if (contents.Errors.Count > 0)
            throw new InvalidOperationException(string.Join(Environment.NewLine, contents.Errors));
        foreach (var (token, user) in contents.Users)
            _users[token] = user;
    }

    public ValueTask<TokenAuthentication> AuthenticateAsync(string token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_users.TryGetValue(token, out var user) ? TokenAuthentication.Success(user) : TokenAuthentication.NotRecognized);
}
