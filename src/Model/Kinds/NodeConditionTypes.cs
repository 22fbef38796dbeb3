namespace GitOps.Model.Kinds;

public static class NodeConditionTypes
{
    public const string Ready = "Ready";
    public const string MemoryPressure = "MemoryPressure";
    public const string DiskPressure = "DiskPressure";
    public const string PIDPressure = "PIDPressure";
    public const string NetworkUnavailable = "NetworkUnavailable";
}
