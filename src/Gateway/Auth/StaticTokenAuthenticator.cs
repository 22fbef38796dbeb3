using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Auth;

/// <summary>
/// Bearer tokens from the token file (<see cref="AuthOptions.TokenFile"/>, read once at start, as kube-apiserver reads
/// its <c>--token-auth-file</c>) and tokens the process adds itself (<see cref="Add"/>: the silo's in-process nodes).
/// </summary>
public sealed class StaticTokenAuthenticator : ITokenAuthenticator
{
    private readonly ConcurrentDictionary<string, UserInfo> _users = new(StringComparer.Ordinal);

    public StaticTokenAuthenticator(IOptions<AuthOptions> options)
    {
        if (string.IsNullOrWhiteSpace(options.Value.TokenFile))
            return;
        var contents = TokenFile.Read(options.Value.TokenFile);
        if (contents.Errors.Count > 0)
            throw new InvalidOperationException(string.Join(Environment.NewLine, contents.Errors));
        foreach (var (token, user) in contents.Users)
            _users[token] = user;
    }

    /// <summary>Accepts <paramref name="token"/> as <paramref name="user"/> until the process ends (kept in memory only).</summary>
    public void Add(string token, UserInfo user)
    {
        if (!_users.TryAdd(token, user))
            throw new ArgumentException($"The token is already given to user '{_users[token].Name}'.", nameof(token));
    }

    public ValueTask<TokenAuthentication> AuthenticateAsync(string token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_users.TryGetValue(token, out var user) ? TokenAuthentication.Success(user) : TokenAuthentication.NotRecognized);
}
