namespace GitOps.Grains.Controllers.Nodes;

/// <summary>How the lifecycle controller sees a node: Ready, NotReady (reported), Unreachable (silent), or Unknown (not reported yet).</summary>
public enum NodeHealth { Ready, NotReady, Unreachable, Unknown }
