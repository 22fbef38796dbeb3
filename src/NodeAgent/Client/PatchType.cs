namespace GitOps.NodeAgent.Client;

public enum PatchType { Merge, Json, StrategicMerge }
