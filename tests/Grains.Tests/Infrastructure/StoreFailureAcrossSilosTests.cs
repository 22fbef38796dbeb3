using GitOps.Grains.Tests.Support;
using GitOps.Store;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace GitOps.Grains.Tests.Infrastructure;

public sealed class StoreFailureAcrossSilosTests
{
    [Fact]
    public async Task A_store_outage_from_a_grain_on_another_silo_arrives_as_itself_with_its_message()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var serializer = host.Services.GetRequiredService<Serializer>();
        var thrown = new ResourceStoreUnavailableException("The resource store is unreachable (PostgreSQL: connection refused); retry once the database is back.");

        // What a grain call's response carries between silos: the exception, serialized by the silo's serializer.
        var arrived = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(thrown));

        var unavailable = Assert.IsType<ResourceStoreUnavailableException>(arrived);
        Assert.Equal(thrown.Message, unavailable.Message);
    }

    [Fact]
    public async Task A_store_outage_inside_Orleans_storage_exception_arrives_with_it_still_inside()
    {
        await using var host = await ControllerTestHost.StartAsync();
        var serializer = host.Services.GetRequiredService<Serializer>();
        var store = new ResourceStoreUnavailableException("The resource store is unreachable (PostgreSQL: connection refused); retry once the database is back.");
        // What Orleans throws when a grain activating on another silo could not read its state.
        var thrown = new OrleansException("Error from storage provider during ReadStateAsync", store);

        var arrived = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(thrown));

        Assert.Equal(store.Message, ResourceStoreUnavailableException.FindIn(arrived!)?.Message);
    }
}
