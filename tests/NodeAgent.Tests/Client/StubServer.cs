using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Tests.Client;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) that answers as the test says and
/// records what it was asked: a stand-in for a silo that is healthy, stopping (503) or hanging,
/// for tests of the client's own behaviour.
/// </summary>
internal sealed class StubServer : IAsyncDisposable
{
    public const string ConfigMapJson = """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"settings","namespace":"default","resourceVersion":"7"}}""";
    public const string StoppingJson = """{"kind":"Status","apiVersion":"v1","status":"Failure","code":503,"reason":"ServiceUnavailable","message":"the silo is stopping"}""";

    private readonly WebApplication _app;
    private readonly List<string> _requests;

    private StubServer(WebApplication app, Uri address, List<string> requests)
    {
        _app = app;
        Address = address;
        _requests = requests;
    }

    public Uri Address { get; }

    /// <summary>The requests answered so far, as "GET /path?query".</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
                return _requests.ToArray();
        }
    }

    /// <summary>A server answering every request with <paramref name="status"/> and <paramref name="json"/>.</summary>
    public static Task<StubServer> AnsweringAsync(int status, string json, Action<string>? onRequest = null) =>
        StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json, context.RequestAborted);
        }, onRequest);

    /// <param name="onRequest">Also told of every request (e.g. to record the order across servers).</param>
    public static async Task<StubServer> StartAsync(RequestDelegate answer, Action<string>? onRequest = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var requests = new List<string>();
        app.Run(context =>
        {
            var line = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
            lock (requests)
                requests.Add(line);
            onRequest?.Invoke(line);
            return answer(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StubServer(app, new Uri(address), requests);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
