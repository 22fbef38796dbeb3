using System.Text;
using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using GitOps.Store.Encryption;
using GitOps.Store.PostgreSql;
using GitOps.TestSupport;
using Npgsql;

namespace GitOps.Store.Tests;

/// <summary>Secrets encrypted at rest in the PostgreSQL store: what the tables hold, every read path, rotation and a missing key.</summary>
public sealed class PostgreSqlSecretEncryptionTests : IAsyncLifetime
{
    private const string Marker = "s3cr3t-marker-4f9a";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly EncryptionKey Old = EncryptionKeyFile.NewKey("old");
    private static readonly EncryptionKey New = EncryptionKeyFile.NewKey("new");
    private readonly List<PostgreSqlResourceStore> _stores = [];
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("secrets");
        await ResourceSchema.ApplyAsync(_connectionString);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
            await store.DisposeAsync();
    }

    [Fact]
    public async Task Secret_data_is_not_in_the_tables_and_every_read_path_returns_it_in_clear()
    {
        var store = Store(Keys(Old));
        var created = await store.WriteAsync(ResourceWrite.Create(Secret("apps", "db", Marker)), Ct);
        Assert.True(created.Succeeded);
        var updated = await store.WriteAsync(ResourceWrite.Update(Secret("apps", "db", Marker + "-2")), Ct);
        await store.WriteAsync(ResourceWrite.Create(TestObjects.ConfigMap("apps", "plain", Marker)), Ct);

        foreach (var body in await BodiesAsync("Secret"))
        {
            Assert.DoesNotContain(Marker, body);
            Assert.DoesNotContain(Base64(Marker), body);
            Assert.DoesNotContain(Base64(Marker)[..12], body);
            Assert.Contains("k8s:enc:aesgcm:v1:old:", body);
        }
        Assert.Contains(Marker, Assert.Single(await BodiesAsync("ConfigMap", changes: false)));

        var key = new ResourceKey("", "Secret", "apps", "db");
        Assert.Equal(Base64(Marker + "-2"), DataOf(await store.GetAsync(key, Ct)));
        var listed = await store.ListAsync(new ListQuery(new ResourceType("", "Secret"), "apps",
            LabelSelector.Parse("app=web").GetOrThrow(), FieldSelector.Parse("type=Opaque,metadata.name=db").GetOrThrow()), Ct);
        Assert.Equal(Base64(Marker + "-2"), DataOf(Assert.Single(listed.Items)));
        var changes = (await store.ReadChangesAsync(0, 100, Ct)).Events.Where(e => e.Key == key).ToList();
        Assert.Equal([Base64(Marker), Base64(Marker + "-2")], changes.Select(e => DataOf(e.Object)));

        // A later page of a list reads the snapshot from the change log: the Secret as it was then.
        await store.WriteAsync(ResourceWrite.Create(Secret("apps", "a-first", "a")), Ct);
        var first = await store.ListAsync(new ListQuery(new ResourceType("", "Secret"), "apps", Limit: 1), Ct);
        await store.WriteAsync(ResourceWrite.Update(Secret("apps", "db", "changed")), Ct);
        var next = await store.ListAsync(new ListQuery(new ResourceType("", "Secret"), "apps", Limit: 1, Continue: first.Continue), Ct);
        Assert.Equal(Base64(Marker + "-2"), DataOf(Assert.Single(next.Items)));
        Assert.Equal(updated.ResourceVersion.ToString(), Assert.Single(next.Items).Metadata.ResourceVersion);

        var deleted = await store.WriteAsync(ResourceWrite.Delete(key), Ct);
        Assert.Equal(Base64("changed"), DataOf(deleted.Object));
    }

    [Fact]
    public async Task Rewrite_moves_every_secret_to_the_first_key_without_losing_a_concurrent_write()
    {
        var before = Store(Keys(Old));
        for (var i = 0; i < 40; i++)
            await before.WriteAsync(ResourceWrite.Create(Secret("apps", $"s{i:00}", "v0")), Ct);

        // The silos restarted with the new key first: they write under it and still read the old one.
        var rotated = Keys(New, Old);
        var silo = Store(rotated);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var round = 0;
            while (!stop.IsCancellationRequested)
            {
                round++;
                for (var i = 0; i < 40; i += 3)
                    await silo.WriteAsync(ResourceWrite.Update(Secret("apps", $"s{i:00}", $"v{round}")), Ct);
            }
            return round;
        });
        var result = await PostgreSqlSecretRewriter.RewriteAsync(_connectionString, rotated, Ct);
        await stop.CancelAsync();
        var rounds = await writer;

        Assert.Empty(result.StillChanging);
        Assert.True(result.ObjectsRewritten > 0 && result.ChangesRewritten >= 40, $"{result}");
        foreach (var body in await BodiesAsync("Secret"))
            Assert.Contains("k8s:enc:aesgcm:v1:new:", body);

        var after = Store(Keys(New));
        for (var i = 0; i < 40; i++)
        {
            var expected = i % 3 == 0 ? $"v{rounds}" : "v0";
            Assert.Equal(Base64(expected), DataOf(await after.GetAsync(new ResourceKey("", "Secret", "apps", $"s{i:00}"), Ct)));
        }
        Assert.All((await after.ReadChangesAsync(0, 10_000, Ct)).Events, e => Assert.NotNull(DataOf(e.Object)));
    }

    [Fact]
    public async Task A_secret_under_a_key_the_file_no_longer_lists_fails_with_its_name_and_key_id()
    {
        await Store(Keys(Old)).WriteAsync(ResourceWrite.Create(Secret("apps", "db", Marker)), Ct);
        await Store(Keys(Old)).WriteAsync(ResourceWrite.Create(TestObjects.ConfigMap("apps", "config")), Ct);
        var withoutOld = Keys(New);
        var store = Store(withoutOld);

        var secret = store.GetAsync(new ResourceKey("", "Secret", "apps", "db"), Ct);
        var other = store.GetAsync(new ResourceKey("", "ConfigMap", "apps", "config"), Ct);
        var error = await Assert.ThrowsAsync<SecretDecryptionException>(() => secret);
        Assert.Contains("Secret apps/db", error.Message);
        Assert.Contains("key 'old'", error.Message);
        Assert.DoesNotContain(Marker, error.Message);
        Assert.NotNull(await other);

        var rewrite = await Assert.ThrowsAsync<SecretDecryptionException>(() => PostgreSqlSecretRewriter.RewriteAsync(_connectionString, withoutOld, Ct));
        Assert.Equal(error.Message, rewrite.Message);
    }

    [Fact]
    public async Task A_value_copied_to_another_secrets_row_does_not_decrypt()
    {
        var store = Store(Keys(Old));
        await store.WriteAsync(ResourceWrite.Create(Secret("apps", "a", Marker)), Ct);
        await store.WriteAsync(ResourceWrite.Create(Secret("apps", "b", "other")), Ct);
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var copy = new NpgsqlCommand(
                "UPDATE resources SET body = (SELECT body FROM resources WHERE kind = 'Secret' AND name = 'a') WHERE kind = 'Secret' AND name = 'b'", connection);
            await copy.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<SecretDecryptionException>(() => Store(Keys(Old)).GetAsync(new ResourceKey("", "Secret", "apps", "b"), Ct));
        Assert.Contains("Secret apps/b does not decrypt with key 'old'", error.Message);
    }

    private PostgreSqlResourceStore Store(SecretEncryption encryption)
    {
        var store = new PostgreSqlResourceStore(new PostgreSqlResourceStoreOptions { ConnectionString = _connectionString }, encryption: encryption);
        _stores.Add(store);
        return store;
    }

    private static SecretEncryption Keys(params EncryptionKey[] keys) => EncryptionKeyFile.Parse(EncryptionKeyFile.Format(keys), "keys.yaml");

    private static KubeObject Secret(string ns, string name, string value)
    {
        var secret = new KubeObject("v1", "Secret", ns, name);
        secret.Metadata.SetLabel("app", "web");
        secret.Metadata.Node["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = $"{{\"stringData\":{{\"token\":\"{value}\"}}}}" };
        secret.Root["type"] = "Opaque";
        secret.Root["data"] = new JsonObject { ["token"] = Base64(value) };
        return secret;
    }

    private static string? DataOf(KubeObject? secret) => secret?.Root["data"]?["token"]?.GetValue<string>();

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private async Task<List<string>> BodiesAsync(string kind, bool changes = true)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var sql = "SELECT body::text FROM resources WHERE kind = @kind" + (changes ? " UNION ALL SELECT body::text FROM resource_changes WHERE kind = @kind" : "");
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("kind", kind);
        var bodies = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            bodies.Add(reader.GetString(0));
        Assert.NotEmpty(bodies);
        return bodies;
    }
}
