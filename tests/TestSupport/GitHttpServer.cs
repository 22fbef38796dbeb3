using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GitOps.TestSupport;

/// <summary>
/// git's smart HTTP served locally: Kestrel on 127.0.0.1 hands every request to
/// <c>git http-backend</c> as a CGI program (request body on stdin, CGI headers and body on stdout).
/// Repositories under the project root are then <c>http://127.0.0.1:port/&lt;folder&gt;</c>.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GitHttpServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<GitHttpServer> StartAsync(string projectRoot, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = FreePorts.Next();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(context => ServeAsync(context, projectRoot));
        await app.StartAsync(cancellationToken);
        return new GitHttpServer(app, $"http://127.0.0.1:{port}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task ServeAsync(HttpContext context, string projectRoot)
    {
        var request = context.Request;
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("http-backend");
        info.Environment["GIT_PROJECT_ROOT"] = projectRoot;
        info.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        info.Environment["REQUEST_METHOD"] = request.Method;
        info.Environment["PATH_INFO"] = request.Path.Value ?? "/";
        info.Environment["QUERY_STRING"] = request.QueryString.Value?.TrimStart('?') ?? "";
        info.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        info.Environment["REMOTE_ADDR"] = "127.0.0.1";
        if (request.ContentLength is { } length)
            info.Environment["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request.Headers.ContentEncoding.Count > 0)
            info.Environment["HTTP_CONTENT_ENCODING"] = request.Headers.ContentEncoding.ToString();
        if (request.Headers.TryGetValue("Git-Protocol", out var protocol))
            info.Environment["GIT_PROTOCOL"] = protocol.ToString();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start git http-backend.");
        var errors = process.StandardError.ReadToEndAsync(context.RequestAborted);
        var input = CopyInputAsync(request.Body, process.StandardInput.BaseStream, context.RequestAborted);
        var output = process.StandardOutput.BaseStream;
        foreach (var header in await ReadCgiHeadersAsync(output, context.RequestAborted))
        {
            var colon = header.IndexOf(':');
            var (name, value) = (header[..colon].Trim(), header[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
                context.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            else
                context.Response.Headers.Append(name, value);
        }
        await output.CopyToAsync(context.Response.Body, context.RequestAborted);
        await input;
        await process.WaitForExitAsync(context.RequestAborted);
        if (process.ExitCode != 0)
            Console.Error.WriteLine($"git http-backend {request.Method} {request.Path}{request.QueryString} failed: {await errors}");
    }

    private static async Task CopyInputAsync(Stream body, Stream stdin, CancellationToken cancellationToken)
    {
        await body.CopyToAsync(stdin, cancellationToken);
        stdin.Close();
    }

    /// <summary>The CGI header lines, up to the empty line that ends them (LF or CRLF).</summary>
    private static async Task<List<string>> ReadCgiHeadersAsync(Stream output, CancellationToken cancellationToken)
    {
        var headers = new List<string>();
        var line = new StringBuilder();
        var one = new byte[1];
        while (await output.ReadAsync(one, cancellationToken) == 1)
        {
            if (one[0] == '\r')
                continue;
            if (one[0] != '\n')
            {
                line.Append((char)one[0]);
                continue;
            }
            if (line.Length == 0)
                break;
            headers.Add(line.ToString());
            line.Clear();
        }
        return headers;
    }
}
