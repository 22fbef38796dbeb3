using GitOps.Model.Kinds;

namespace GitOps.Grains.Controllers.Workloads.Deployments;

/// <summary>
/// A Deployment's maxSurge and maxUnavailable as pod counts: percentages of spec.replicas, surge rounded
/// up and unavailable rounded down, as Kubernetes does. Recreate has neither. An invalid strategy (a
/// malformed value, a negative one, or both zero) yields <see cref="Error"/>, which names the field.
/// </summary>
public sealed record RolloutLimits(int MaxSurge, int MaxUnavailable, string? Error)
{
    public bool IsValid => Error is null;

    public static RolloutLimits Resolve(Deployment deployment)
    {
        if (deployment.StrategyType == Deployment.StrategyRecreate)
            return new RolloutLimits(0, 0, null);
        if (deployment.StrategyType != Deployment.StrategyRollingUpdate)
            return Invalid($"spec.strategy.type \"{deployment.StrategyType}\" is not RollingUpdate or Recreate");

        var replicas = Math.Max(0, deployment.Replicas);
        if (!deployment.MaxSurge.TryScaled(replicas, roundUp: true, out var surge, out var surgeError))
            return Invalid($"spec.strategy.rollingUpdate.maxSurge: {surgeError}");
        if (!deployment.MaxUnavailable.TryScaled(replicas, roundUp: false, out var unavailable, out var unavailableError))
            return Invalid($"spec.strategy.rollingUpdate.maxUnavailable: {unavailableError}");
        if (surge < 0 || unavailable < 0)
            return Invalid("spec.strategy.rollingUpdate: maxSurge and maxUnavailable must not be negative");
        if (IsZero(deployment.MaxSurge) && IsZero(deployment.MaxUnavailable))
            return Invalid("spec.strategy.rollingUpdate: maxSurge and maxUnavailable must not both be 0");
        // As Kubernetes' ResolveFenceposts: a percentage that rounds both to zero still lets one pod go.
        if (surge == 0 && unavailable == 0)
            unavailable = 1;
        return new RolloutLimits(surge, Math.Min(unavailable, replicas), null);
    }

    private static RolloutLimits Invalid(string error) =>
        new(0, 0, $"{error}; fix the Deployment's strategy (in Git when the Deployment comes from Git)");

    private static bool IsZero(IntOrString value) =>
        value.IsInt ? value.IntValue == 0 : value.StringValue is "0%" or "0";
}
