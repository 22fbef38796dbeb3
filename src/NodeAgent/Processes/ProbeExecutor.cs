using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using GitOps.NodeAgent.Pods.Spec;

namespace GitOps.NodeAgent.Processes;

/// <summary>
/// Runs one probe or hook action once: exec (exit code 0 is success), HTTP GET (2xx/3xx) or TCP
/// connect, within a timeout. Exec commands run with the container's environment and directory.
/// </summary>
internal sealed class ProbeExecutor(string defaultHost)
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<bool> RunAsync(
        ExecActionModel? exec,
        HttpGetActionModel? httpGet,
        TcpSocketActionModel? tcpSocket,
        ContainerModel container,
        ContainerLaunch launch,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            if (exec is not null)
                return await ExecAsync(exec, launch, deadline.Token);
            if (httpGet is not null)
                return await HttpGetAsync(httpGet, container, deadline.Token);
            if (tcpSocket is not null)
                return await TcpAsync(tcpSocket, container, deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<bool> ExecAsync(ExecActionModel exec, ContainerLaunch launch, CancellationToken cancellationToken)
    {
        if (exec.Command.Count == 0)
            return false;
        var info = new ProcessStartInfo(exec.Command[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = launch.WorkingDirectory,
        };
        foreach (var argument in exec.Command.Skip(1))
            info.ArgumentList.Add(argument);
        info.Environment.Clear();
        foreach (var (name, value) in launch.Environment)
            info.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
        using (process)
        {
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(CancellationToken.None), process.StandardError.ReadToEndAsync(CancellationToken.None));
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            await drain;
            return process.ExitCode == 0;
        }
    }

    private async Task<bool> HttpGetAsync(HttpGetActionModel httpGet, ContainerModel container, CancellationToken cancellationToken)
    {
        if (ResolvePort(httpGet.Port, container) is not { } port)
            return false;
        var scheme = string.Equals(httpGet.Scheme, "HTTPS", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
        var path = string.IsNullOrEmpty(httpGet.Path) ? "/" : httpGet.Path.StartsWith('/') ? httpGet.Path : "/" + httpGet.Path;
        var host = string.IsNullOrEmpty(httpGet.Host) ? defaultHost : httpGet.Host;
        try
        {
            using var response = await Http.GetAsync($"{scheme}://{host}:{port}{path}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return (int)response.StatusCode is >= 200 and < 400;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<bool> TcpAsync(TcpSocketActionModel tcpSocket, ContainerModel container, CancellationToken cancellationToken)
    {
        if (ResolvePort(tcpSocket.Port, container) is not { } port)
            return false;
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(string.IsNullOrEmpty(tcpSocket.Host) ? defaultHost : tcpSocket.Host, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A port number, or the number of the container port with that name.</summary>
    private static int? ResolvePort(JsonElement port, ContainerModel container) => port.ValueKind switch
    {
        JsonValueKind.Number when port.TryGetInt32(out var number) => number,
        JsonValueKind.String when int.TryParse(port.GetString(), out var number) => number,
        JsonValueKind.String => container.Ports.FirstOrDefault(p => p.Name == port.GetString())?.ContainerPort,
        _ => null,
    };
}
