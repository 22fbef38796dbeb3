using GitOps.Store.Compaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static GitOps.Store.Tests.TestObjects;

namespace GitOps.Store.Tests;

public sealed class ResourceLogCompactorTests
{
    [Fact]
    public async Task The_registered_compactor_bounds_the_change_log_on_its_interval()
    {
        var services = new ServiceCollection().AddLogging().AddMemoryResourceStore();
        services.Configure<ResourceLogCompactionOptions>(o =>
        {
            o.Interval = TimeSpan.FromMilliseconds(20);
            o.Retention = TimeSpan.Zero;
            o.KeepLatest = 2;
        });
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IResourceStore>();
        for (var i = 0; i < 5; i++)
            await store.WriteAsync(ResourceWrite.Create(ConfigMap("default", $"m{i}")), CancellationToken.None);
        var compactor = provider.GetServices<IHostedService>().Single();

        await compactor.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (!(await store.ReadChangesAsync(0, 10, CancellationToken.None)).Expired && DateTime.UtcNow < deadline)
                await Task.Delay(20);
        }
        finally
        {
            await compactor.StopAsync(CancellationToken.None);
        }

        var kept = await store.ReadChangesAsync(3, 10, CancellationToken.None);
        Assert.False(kept.Expired);
        Assert.Equal([4L, 5L], kept.Events.Select(e => e.ResourceVersion));
    }

    [Fact]
    public void Invalid_compaction_settings_stop_start_up_naming_the_setting()
    {
        var services = new ServiceCollection().AddLogging().AddMemoryResourceStore();
        services.Configure<ResourceLogCompactionOptions>(o => o.KeepLatest = -1);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ResourceLogCompactionOptions>>().Value);

        Assert.Contains("GitOps:Store:Compaction:KeepLatest", error.Message);
    }

    [Fact]
    public void Invalid_PostgreSql_store_settings_stop_registration_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddPostgreSqlResourceStore("Host=127.0.0.1", o => o.MaxBatchSize = 0));

        Assert.Contains("MaxBatchSize", error.Message);
    }
}
