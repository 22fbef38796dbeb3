using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace GitOps.Bench.Harness;

/// <summary>
/// One of the product's executables (the Silo, a NodeAgent) run as a real process from its build output, which
/// building the bench produces (Bench.csproj references both projects); its last lines of output are kept to show
/// when it fails.
/// </summary>
public sealed class ProductProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private int _disposed;

    private ProductProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string LastOutput => string.Join(Environment.NewLine, _lines);

    public static ProductProcess Start(string project, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var configuration = typeof(ProductProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(RepositoryRoot(), "src", project, "bin", configuration, "net10.0", $"GitOps.{project}.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{dll} is missing: build the bench (dotnet build -c {configuration} bench), which builds src/{project} too.", dll);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return new ProductProcess(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}."));
    }

    /// <summary>kill -9: no shutdown code runs, as when a machine loses power.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GitOps.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"GitOps.sln was not found above {AppContext.BaseDirectory}.");
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        _lines.Enqueue(line);
        while (_lines.Count > 200)
            _lines.TryDequeue(out _);
    }
}
