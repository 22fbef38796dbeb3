namespace GitOps.Runtime;

/// <summary>
/// The caller does not wait for the call to run: the returned task completes once the call is
/// queued. Used for upward notifications so that grain calls never form cycles.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;
