using System.Globalization;
using DotNet.Testcontainers.Configurations;
using Npgsql;
using Testcontainers.PostgreSql;

namespace GitOps.TestSupport;

/// <summary>
/// A PostgreSQL server in a container started through Testcontainers, published on a free port of
/// 127.0.0.1 only. The image is $GITOPS_TEST_POSTGRES_IMAGE, else <c>local/postgres:15</c> when the
/// engine has it (what deploy/build-local-images.sh builds where no registry is reachable), else
/// the official <c>postgres:15</c>. Testcontainers' reaper (Ryuk) is off, since its image cannot be
/// pulled without a registry: instead each container carries the <see cref="Label"/> and its test
/// process id in <see cref="ProcessLabel"/>, a detached watchdog removes it when that process is gone, and
/// ./test.sh removes any left by a process that no longer exists.
/// </summary>
public sealed class PostgresContainerServer : IAsyncDisposable
{
    public const string ImageVariable = "GITOPS_TEST_POSTGRES_IMAGE";
    public const string LocalImage = "local/postgres:15";
    public const string OfficialImage = "postgres:15";
    public const string Label = "gitops.test";
    public const string ProcessLabel = "gitops.test.pid";

    private readonly PostgreSqlContainer _container;

    private PostgresContainerServer(PostgreSqlContainer container, string image)
    {
        _container = container;
        Image = image;
    }

    public string Image { get; }

    public string ContainerId => _container.Id;

    /// <summary>The superuser on database <c>postgres</c>, through the port published on 127.0.0.1 (whatever host Testcontainers guesses).</summary>
    public string AdminConnectionString =>
        new NpgsqlConnectionStringBuilder(_container.GetConnectionString()) { Host = "127.0.0.1", Database = "postgres", Pooling = true, MaxPoolSize = 100 }.ConnectionString;

    /// <summary>
    /// Starts the container. Without <paramref name="durable"/>, fsync, synchronous commit and
    /// full-page writes are off for speed (Testcontainers' defaults); with it they are on.
    /// </summary>
    public static async Task<PostgresContainerServer> StartAsync(bool durable, CancellationToken cancellationToken = default)
    {
        if (!await DockerEngine.AnswersAsync(cancellationToken))
            throw new InvalidOperationException("No Docker engine answers (docker version failed): start one (as root: dockerd >/tmp/dockerd.log 2>&1 &), or run ./test.sh, which does.");
        TestcontainersSettings.ResourceReaperEnabled = false;

        var image = await ChooseImageAsync(cancellationToken);
        var settings = new List<string> { "-c", "max_connections=300", "-c", "shared_buffers=128MB" };
        if (durable)
            settings.AddRange(["-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on"]);
        var container = new PostgreSqlBuilder(image)
            .WithLabel(Label, "postgres")
            .WithLabel(ProcessLabel, Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            .WithCommand([.. settings])
            .WithCreateParameterModifier(PublishOnLoopbackOnly)
            .Build();
        // Started first, so a test process killed while the container starts leaves none either.
        DetachedWatchdog.Start(WatchdogScript, [ProcessLabel], asPostgres: false);
        try
        {
            await container.StartAsync(cancellationToken);
        }
        catch (Exception e)
        {
            await container.DisposeAsync();
            throw new InvalidOperationException(
                $"The PostgreSQL container ({image}) did not start: {e.Message}. Set {ImageVariable} to an image the engine has or can pull " +
                $"(deploy/build-local-images.sh builds {LocalImage} where no registry is reachable).", e);
        }
        return new PostgresContainerServer(container, image);
    }

    /// <summary>Removes the container.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _container.DisposeAsync();
    }

    /// <summary>Removes the container at process exit, where nothing can be awaited.</summary>
    public void DisposeAtExit()
    {
        try
        {
            DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(15));
        }
        catch (Exception)
        {
            // Best effort at process exit: the watchdog removes what is left.
        }
    }

    // Testcontainers publishes on every host address; the tests' server is for this machine only.
    private static void PublishOnLoopbackOnly(Docker.DotNet.Models.CreateContainerParameters parameters)
    {
        foreach (var binding in parameters.HostConfig?.PortBindings?.Values.SelectMany(bindings => bindings ?? []) ?? [])
            binding.HostIP = "127.0.0.1";
    }

    private static async Task<string> ChooseImageAsync(CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable(ImageVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        var (exitCode, _) = await DockerEngine.RunAsync(["image", "inspect", LocalImage], TimeSpan.FromSeconds(30), cancellationToken);
        return exitCode == 0 ? LocalImage : OfficialImage;
    }

    // Removes the containers labelled with the test process once it is gone, even if it was killed and never disposed them.
    private const string WatchdogScript = """
        parent=$1; label=$2
        while [ -d /proc/$parent ]; do sleep 1; done
        docker ps -aq --filter "label=$label=$parent" | xargs -r docker rm -f -v
        """;
}
