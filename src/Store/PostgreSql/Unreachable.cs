using Npgsql;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// Tells a database that cannot be reached (refused or broken connections, a server shutting down
/// or starting up: what Npgsql calls transient) from a failed statement, and turns the former into
/// a <see cref="ResourceStoreUnavailableException"/>, which the gateway answers with 503.
/// </summary>
public static class Unreachable
{
    public static bool Is(Exception e) => e is NpgsqlException { IsTransient: true };

    /// <summary>
    /// The exception in <paramref name="e"/> or its inner exceptions that says the database cannot be reached; null
    /// when there is none or <paramref name="e"/> already is a <see cref="ResourceStoreUnavailableException"/>.
    /// </summary>
    public static Exception? Find(Exception e)
    {
        if (e is ResourceStoreUnavailableException)
            return null;
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (Is(inner))
                return inner;
        }
        return null;
    }

    public static ResourceStoreUnavailableException Wrap(Exception e) =>
        new($"The resource store is unreachable (PostgreSQL: {e.Message}); retry once the database is back.");

    /// <summary>
    /// Runs <paramref name="call"/>, turning a failure with an unreachable database anywhere inside it (Orleans wraps
    /// Npgsql's error in its own) into <see cref="ResourceStoreUnavailableException"/>.
    /// </summary>
    public static async Task TranslateAsync(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception e) when (Find(e) is { } unreachable)
        {
            throw Wrap(unreachable);
        }
    }

    /// <summary>Runs <paramref name="call"/>, turning an unreachable database into <see cref="ResourceStoreUnavailableException"/>.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (Is(e))
        {
            throw Wrap(e);
        }
    }
}
