using GitOps.Model.Objects;
using GitOps.Model.Registry;

namespace GitOps.Grains.Resources;

/// <summary>
/// What happens to the status a creator sends, as the Kubernetes apiserver's PrepareForCreate does
/// it: the kind's <see cref="KindDefinition.StatusOnCreate"/> rule in the kind registry. Kinds the
/// registry does not list (custom resources) keep the status they were created with.
/// </summary>
internal static class StatusOnCreate
{
    public static void Apply(KubeObject obj)
    {
        var rule = KindRegistry.StatusOnCreateOf(new ResourceType(obj.Group, obj.Kind));
        if (rule.Resets)
            obj.Status = rule.FreshStatus();
    }
}
