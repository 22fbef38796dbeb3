using System.Diagnostics;
using GitOps.TestSupport;

namespace GitOps.EndToEnd.Tests.Compose;

/// <summary>
/// Makes sure a Docker engine answers: when none does and this runs as root with Debian's dockerd
/// installed, starts one in the background (its log in /tmp/gitops-dockerd.log), as ./test.sh does.
/// Otherwise fails saying how to get one.
/// </summary>
public static class DockerEngineStarter
{
    private const string Dockerd = "/usr/sbin/dockerd";
    private const string Log = "/tmp/gitops-dockerd.log";

    public static async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (await DockerEngine.AnswersAsync(cancellationToken))
            return;
        if (Environment.UserName != "root" || !File.Exists(Dockerd))
            Assert.Fail($"No Docker engine answers (docker version failed) and none can be started here ({(File.Exists(Dockerd) ? "not root" : $"no {Dockerd}")}). " +
                        "Install one (apt-get install docker.io docker-compose debootstrap) and start it (as root: dockerd >/tmp/dockerd.log 2>&1 &), or run ./test.sh as root, which does both.");

        // setsid: the engine outlives this test process, like one started by ./test.sh.
        using (var starter = Process.Start(new ProcessStartInfo("sh", ["-c", $"setsid {Dockerd} >{Log} 2>&1 </dev/null &"]) { UseShellExecute = false })!)
            await starter.WaitForExitAsync(cancellationToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await DockerEngine.AnswersAsync(cancellationToken))
                return;
            await Task.Delay(500, cancellationToken);
        }
        Assert.Fail($"dockerd was started but did not answer within 60 s; see {Log}:\n{string.Join('\n', File.ReadLines(Log).TakeLast(20))}");
    }
}
