namespace GitOps.EndToEnd.Tests.Harness;

/// <summary>
/// Sends the admin token of a silo's generated token file (<c>admin</c> line of tokens.csv in its data directory) as a
/// bearer token, read when the first request is sent (the silo writes the file as it starts).
/// </summary>
public sealed class AdminTokenHandler(string tokenFile) : DelegatingHandler(new HttpClientHandler())
{
    private string? _token;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _token ??= ReadToken();
        if (_token is not null && request.Headers.Authorization is null)
            request.Headers.Authorization = new("Bearer", _token);
        return base.SendAsync(request, cancellationToken);
    }

    private string? ReadToken() =>
        File.Exists(tokenFile)
            ? File.ReadLines(tokenFile).Select(l => l.Split(',')).Where(f => f.Length > 1 && f[1] == "admin").Select(f => f[0]).FirstOrDefault()
            : null;
}
