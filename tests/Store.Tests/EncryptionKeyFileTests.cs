using GitOps.Store.Encryption;

namespace GitOps.Store.Tests;

public sealed class EncryptionKeyFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"gitops-keyfile-test-{Guid.NewGuid():N}");

    [Fact]
    public async Task Silos_starting_at_once_create_one_key_file_and_all_use_its_key()
    {
        var path = Path.Combine(_directory, "nested", "encryption-config.yaml");
        var loads = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => EncryptionKeyFile.LoadOrCreate(path))));

        Assert.Single(loads, l => l.Created);
        Assert.Single(loads.Select(l => Convert.ToBase64String(l.Encryption.WriteKey!.Secret)).Distinct());
        Assert.Equal(loads[0].Encryption.WriteKey!.Name, EncryptionKeyFile.LoadOrCreate(path).Encryption.WriteKey!.Name);
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(path)!), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void The_first_provider_writes_and_every_listed_key_reads()
    {
        var encryption = EncryptionKeyFile.Parse("""
            apiVersion: apiserver.config.k8s.io/v1
            kind: EncryptionConfiguration
            resources:
              - resources: [secrets]
                providers:
                  - identity: {}
                  - aesgcm:
                      keys:
                        - name: key1
                          secret: c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQgcmVhbGx5Pz8=
            """, "keys.yaml");

        Assert.Null(encryption.WriteKey);
        var secret = new GitOps.Model.Objects.KubeObject("v1", "Secret", "ns", "s");
        Assert.Equal(secret.ToJson(), encryption.Encode(GitOps.Model.Objects.ResourceKey.Of(secret), secret));
    }

    [Theory]
    [InlineData("kind: Other\n", "keys.yaml:1 (GitOps:Encryption:KeyFile) must have kind: EncryptionConfiguration")]
    [InlineData("kind: EncryptionConfiguration\nresources:\n  - resources: [configmaps]\n    providers: [identity: {}]\n", "lists resource 'configmaps'")]
    [InlineData("kind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - aesgcm:\n          keys:\n            - name: k\n              secret: c2hvcnQ=\n",
        "keys.yaml:7 (GitOps:Encryption:KeyFile) key 'k' is 5 bytes; AES-256-GCM needs 32")]
    [InlineData("kind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - secretbox: {}\n", "provider 'secretbox' is not supported")]
    public void A_bad_key_file_is_refused_naming_the_file_line_and_problem(string text, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => EncryptionKeyFile.Parse(text, "keys.yaml"));
        Assert.Contains(expected, error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
