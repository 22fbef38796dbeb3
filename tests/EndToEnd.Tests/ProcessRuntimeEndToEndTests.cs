using System.Globalization;
using GitOps.EndToEnd.Tests.Harness;
using static GitOps.EndToEnd.Tests.Harness.PodQueries;

namespace GitOps.EndToEnd.Tests;

/// <summary>
/// Issue 5's second end-to-end path: the node agent's process runtime really runs the pods'
/// commands on this machine and honours restartPolicy for a command that exits 1.
/// </summary>
public sealed class ProcessRuntimeEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Pods_run_as_local_processes_and_failed_commands_follow_restartPolicy()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = cancellation.Token;
        // A sleep length no other process on the machine uses, so the test can find its own processes.
        var sleepSeconds = (3000 + Random.Shared.Next(1, 999)).ToString(CultureInfo.InvariantCulture);
        using var repository = await GitRepository.CreateAsync(ct);
        await repository.CommitAsync("Add process workloads", Manifests.ProcessWorkloads(sleepSeconds), ct);

        await using var cluster = await SiloCluster.StartAsync(repository, ct);
        cluster.StartAgent("--runtime", "process", "--node-name", "local-1", "--restart-backoff", "1s");
        var podsPath = "/api/v1/namespaces/jobs/pods";

        await Eventually.HoldsAsync("2 sleeper pods Running as real processes", async token =>
        {
            var pods = await cluster.Client.ListAsync(podsPath + "?labelSelector=app%3Dsleeper", token);
            var running = Running(pods);
            var processes = CountProcesses($"sleep {sleepSeconds}");
            return (running.Count == 2 && processes == 2, $"{processes} sleep processes; pods {Describe(pods)}");
        }, Patience, cluster.Processes);

        await Eventually.HoldsAsync("the OnFailure pod restarted and the Never pod Failed", async token =>
        {
            var retried = await cluster.Client.GetAsync(podsPath + "/retry-on-failure", token);
            var never = await cluster.Client.GetAsync(podsPath + "/never-restart", token);
            var neverExit = never?["status"]?["containerStatuses"]?[0]?["state"]?["terminated"]?["exitCode"]?.GetValue<int>();
            var holds = retried is not null && RestartCount(retried) >= 2 && Phase(retried) != "Failed"
                        && never is not null && Phase(never) == "Failed" && neverExit == 1 && RestartCount(never) == 0;
            return (holds, $"retry-on-failure: {retried?["status"]?.ToJsonString()}; never-restart: {never?["status"]?.ToJsonString()}");
        }, Patience, cluster.Processes);
    }

    private static int CountProcesses(string commandLine) =>
        Directory.EnumerateDirectories("/proc")
            .Select(dir => Path.Combine(dir, "cmdline"))
            .Count(file =>
            {
                try
                {
                    return File.ReadAllText(file).Replace('\0', ' ').Trim() == commandLine;
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            });
}
