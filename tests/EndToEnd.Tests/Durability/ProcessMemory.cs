namespace GitOps.EndToEnd.Tests.Durability;

/// <summary>A process's resident memory, as the kernel reports it in /proc/{pid}/status.</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS in MiB.</summary>
    public static double ResidentMebibytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kibibytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]);
        return kibibytes / 1024.0;
    }
}
