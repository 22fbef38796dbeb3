namespace GitOps.Gateway.Tests.Infrastructure;

/// <summary>One gateway on its own PostgreSQL database for all tests of a class; each test uses its own namespace.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private GatewayHost? _host;

    public GatewayHost Host => _host ?? throw new InvalidOperationException("The gateway has not started.");

    public HttpClient Client => Host.Client;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }
}
