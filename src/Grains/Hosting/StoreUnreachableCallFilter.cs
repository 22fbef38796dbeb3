using GitOps.Store;
using GitOps.Store.PostgreSql;
using Orleans;
using Orleans.Serialization.Invocation;

namespace GitOps.Grains.Hosting;

/// <summary>
/// Turns a grain call's failure that says PostgreSQL cannot be reached (Orleans' ADO.NET reminder table wraps
/// Npgsql's error in its own) into a <see cref="ResourceStoreUnavailableException"/>, in the silo where it
/// happened, where the database's exception is still inside it. Every caller, on any silo, then gets the one
/// exception the gateway answers with 503 and Retry-After. Grain storage says so itself
/// (<see cref="StoreUnreachableGrainStorage"/>), also when a grain reads its state at activation, outside any call.
/// </summary>
internal sealed class StoreUnreachableCallFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await Unreachable.TranslateAsync(context.Invoke);
        if (context.Response?.Exception is { } failed && Unreachable.Find(failed) is { } inside)
            context.Response = Response.FromException(Unreachable.Wrap(inside));
    }
}
