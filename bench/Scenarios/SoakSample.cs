namespace GitOps.Bench.Scenarios;

/// <summary>One look at the silo during the soak: its process (from /proc and /metrics) and its store (PostgreSQL).</summary>
internal sealed record SoakSample(
    TimeSpan At,
    long ResidentBytes,
    long GcHeapBytes,
    int OpenFds,
    int Threads,
    long Activations,
    long DatabaseBytes,
    long Objects,
    long Pods,
    long ChangeLogRows,
    string Load);
