namespace GitOps.Grains.Controllers.Infrastructure;

/// <summary>The kind of a <see cref="ReconcileResult"/>; build results with its factory methods.</summary>
public enum ReconcileOutcome { Succeeded, Failed, Gone }
