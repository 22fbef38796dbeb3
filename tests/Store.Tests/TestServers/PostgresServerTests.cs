using GitOps.TestSupport;
using Npgsql;

namespace GitOps.Store.Tests.TestServers;

/// <summary>Which server the tests share: GITOPS_TEST_POSTGRES, else a container when Docker answers, else the local binaries.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task The_shared_server_is_the_configured_one_else_a_labelled_container_when_Docker_answers_else_a_local_one()
    {
        var server = await PostgresServer.GetAsync();

        var expected = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresServer.ConnectionStringVariable))
            ? PostgresServerKind.External
            : await DockerEngine.AnswersAsync() ? PostgresServerKind.Container : PostgresServerKind.Local;
        Assert.Equal(expected, server.Kind);

        await using var connection = new NpgsqlConnection(await server.CreateDatabaseOnServerAsync("which_server"));
        await connection.OpenAsync();
        if (server.Kind == PostgresServerKind.Container)
        {
            var (exitCode, output) = await DockerEngine.RunAsync(
                ["ps", "-q", "--filter", $"label={PostgresContainerServer.ProcessLabel}={Environment.ProcessId}"], TimeSpan.FromSeconds(30));
            Assert.True(exitCode == 0 && output.Trim().Length > 0, $"no running container is labelled with this test process: {output}");
        }
    }
}
