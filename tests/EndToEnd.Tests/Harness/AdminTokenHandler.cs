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
        _token ??= Read(tokenFile);
        if (_token is not null && request.Headers.Authorization is null)
            request.Headers.Authorization = new("Bearer", _token);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>The admin's token in a silo's generated token file; null while the file does not exist.</summary>
    public static string? Read(string tokenFile) =>
        File.Exists(tokenFile)
            ? File.ReadLines(tokenFile).Select(l => l.Split(',')).Where(f => f.Length > 1 && f[1] == "admin").Select(f => f[0]).FirstOrDefault()
            : null;
}
