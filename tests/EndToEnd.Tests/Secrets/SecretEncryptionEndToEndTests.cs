using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.EndToEnd.Tests.Compose;
using GitOps.EndToEnd.Tests.Harness;
using GitOps.TestSupport;
using Npgsql;

namespace GitOps.EndToEnd.Tests.Secrets;

/// <summary>
/// Secrets at rest, as an operator meets them: a silo process on PostgreSQL, a Secret applied with the
/// real kubectl, the tables read with SQL, and a key rotation with <c>GitOps.Silo reencrypt-secrets</c>.
/// </summary>
public sealed class SecretEncryptionEndToEndTests : IAsyncLifetime
{
    // The test silos take anonymous requests (the tests' switch), so kubectl needs no user.
    private const string NoCredentials = "apiVersion: v1\nkind: Config\n";

    private const string Marker = "marker-e2e-7c1d0b";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"gitops-e2e-secrets-{Guid.NewGuid():N}");
    private readonly List<SiloProcess> _silos = [];
    private string _connectionString = "";

    private string KeyFile => Path.Combine(_directory, "encryption-config.yaml");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _connectionString = await PostgresServer.CreateDatabaseAsync("secrets_e2e");
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
            await silo.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_secret_is_unreadable_in_the_database_round_trips_through_the_api_and_survives_a_key_rotation()
    {
        var ct = CancellationToken.None;
        var oldKey = Key("old");
        var newKey = Key("new");
        WriteKeys(oldKey);
        var silo = await StartSiloAsync();
        var manifest = Path.Combine(_directory, "secret.yaml");
        await File.WriteAllTextAsync(manifest, $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
              namespace: default
              labels: {"{"}app: web{"}"}
            type: Opaque
            data:
              password: {Base64(Marker)}
            stringData:
              token: {Marker}-token
            """, ct);
        await Kubectl.GetJsonAsync(silo.Client.Server, NoCredentials, ["apply", "-f", manifest], ct);

        var rows = await StoredBodiesAsync();
        Assert.All(rows, row =>
        {
            Assert.DoesNotContain(Marker, row);
            Assert.DoesNotContain(Base64(Marker), row);
            Assert.Contains("k8s:enc:aesgcm:v1:old:", row);
        });
        await AssertSecretReadsAsync(silo);

        // The old key removed before the Secrets were rewritten: a clear error, from the API and from the command.
        await StopAsync(silo);
        WriteKeys(newKey);
        // The silo does not become ready: its change log holds a value it cannot read, and /readyz says which.
        silo = StartSilo();
        var readiness = "";
        await Eventually.HoldsAsync("/readyz to name the Secret and the missing key", async ct =>
        {
            readiness = System.Text.RegularExpressions.Regex.Unescape((await silo.Client.ReadinessAsync(ct)).Report);
            return (readiness.Contains("Secret default/db is encrypted with key 'old'", StringComparison.Ordinal), readiness);
        }, StartTimeout, silo.Process);
        Assert.DoesNotContain(Marker, readiness);
        var (code, body) = await GetAsync(silo);
        Assert.Equal(HttpStatusCode.InternalServerError, code);
        var message = body!["message"]!.GetValue<string>();
        Assert.Contains("Secret default/db is encrypted with key 'old'", message);
        Assert.DoesNotContain(Marker, message);
        var refused = await ReencryptAsync();
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Secret default/db is encrypted with key 'old'", refused.Output);

        // Rotation: the new key first, the old one still listed; silos restarted; the command rewrites; the old key goes.
        await StopAsync(silo);
        WriteKeys(newKey, oldKey);
        silo = await StartSiloAsync();
        await AssertSecretReadsAsync(silo);
        var rotated = await ReencryptAsync();
        Assert.True(rotated.ExitCode == 0, rotated.ToString());
        Assert.Contains("rewrote 1 Secrets", rotated.Output);
        Assert.All(await StoredBodiesAsync(), row =>
        {
            Assert.Contains("k8s:enc:aesgcm:v1:new:", row);
            Assert.DoesNotContain(":old:", row);
        });
        await AssertSecretReadsAsync(silo);

        await StopAsync(silo);
        WriteKeys(newKey);
        silo = await StartSiloAsync();
        await AssertSecretReadsAsync(silo);
        var listed = await Kubectl.GetItemsAsync(silo.Client.Server, NoCredentials, ["get", "secrets", "-n", "default", "-l", "app=web", "--field-selector", "type=Opaque"], ct);
        Assert.Equal(Base64(Marker), Assert.Single(listed)["data"]!["password"]!.GetValue<string>());
    }

    private async Task AssertSecretReadsAsync(SiloProcess silo)
    {
        var secret = await Kubectl.GetJsonAsync(silo.Client.Server, NoCredentials, ["get", "secret", "db", "-n", "default"], CancellationToken.None);
        Assert.Equal(Base64(Marker), secret["data"]!["password"]!.GetValue<string>());
    }

    private static async Task<(HttpStatusCode, JsonNode?)> GetAsync(SiloProcess silo)
    {
        using var http = new HttpClient { BaseAddress = silo.Client.Server };
        using var response = await http.GetAsync("/api/v1/namespaces/default/secrets/db");
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text));
    }

    private SiloProcess StartSilo()
    {
        var silo = SiloProcess.Start(((char)('A' + _silos.Count)).ToString(), _connectionString,
            new Dictionary<string, string> { ["GitOps__Encryption__KeyFile"] = KeyFile });
        _silos.Add(silo);
        return silo;
    }

    private async Task<SiloProcess> StartSiloAsync()
    {
        var silo = StartSilo();
        await Eventually.HoldsAsync($"silo {silo.Name} to be ready", async ct => (await silo.Client.IsReadyAsync(ct), "/readyz not 200"), StartTimeout, silo.Process);
        return silo;
    }

    private static async Task StopAsync(SiloProcess silo)
    {
        silo.Terminate();
        await silo.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<(int ExitCode, string Output)> ReencryptAsync()
    {
        await using var command = StartedProcess.Start("Silo", ["reencrypt-secrets"], new Dictionary<string, string>
        {
            ["ConnectionStrings__GitOps"] = _connectionString,
            ["GitOps__Encryption__KeyFile"] = KeyFile,
        });
        var exitCode = await command.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, command.RecentOutput);
    }

    private async Task<List<string>> StoredBodiesAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT body::text FROM resources WHERE kind = 'Secret' UNION ALL SELECT body::text FROM resource_changes WHERE kind = 'Secret'", connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        Assert.NotEmpty(rows);
        return rows;
    }

    private void WriteKeys(params (string Name, string Secret)[] keys) =>
        File.WriteAllText(KeyFile, $"""
            apiVersion: apiserver.config.k8s.io/v1
            kind: EncryptionConfiguration
            resources:
              - resources: [secrets]
                providers:
                  - aesgcm:
                      keys:
            {string.Concat(keys.Select(k => $"              - name: {k.Name}\n                secret: {k.Secret}\n"))}
            """);

    private static (string Name, string Secret) Key(string name) => (name, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
