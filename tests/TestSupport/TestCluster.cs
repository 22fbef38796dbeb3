using GitOps.Grains.Hosting;

namespace GitOps.TestSupport;

public static class TestCluster
{
    /// <summary>Gives the silo ports nothing listens on, so the silos of parallel tests never collide.</summary>
    public static void UseFreePorts(GrainClusterOptions cluster)
    {
        cluster.SiloPort = FreePorts.Next();
        cluster.GatewayPort = FreePorts.Next();
    }
}
