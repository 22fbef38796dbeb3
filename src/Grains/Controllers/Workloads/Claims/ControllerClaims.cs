using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Objects;
using GitOps.Model.Selectors;

namespace GitOps.Grains.Controllers.Workloads.Claims;

/// <summary>
/// Adoption and release by selector, as Kubernetes' ControllerRefManager: an owner controls the
/// candidates whose controller reference names its uid; it adopts orphans its selector matches
/// (unless either side is being deleted) and releases those it controls that no longer match.
/// Candidates controlled by someone else are never touched.
/// </summary>
public static class ControllerClaims
{
    public static ClaimResult Claim(KubeObject owner, LabelSelector? selector, IEnumerable<KubeObject> candidates)
    {
        var owned = new List<KubeObject>();
        var adopt = new List<KubeObject>();
        var release = new List<KubeObject>();
        var ownerDeleting = owner.Metadata.DeletionTimestamp is not null;
        foreach (var candidate in candidates)
        {
            var matches = selector is not null && !selector.IsEmpty && selector.Matches(candidate.Metadata.Labels);
            var controller = candidate.Metadata.ControllerReference;
            if (controller is not null)
            {
                if (!Ownership.IsControlledBy(candidate, owner))
                    continue;
                if (matches || ownerDeleting)
                    owned.Add(candidate);
                else
                    release.Add(candidate);
                continue;
            }
            if (matches && !ownerDeleting && candidate.Metadata.DeletionTimestamp is null)
            {
                owned.Add(candidate);
                adopt.Add(candidate);
            }
        }
        return new ClaimResult(owned, adopt, release);
    }

    /// <summary>A copy of <paramref name="dependent"/> with a controller reference to <paramref name="owner"/> added.</summary>
    public static KubeObject WithControllerReference(KubeObject dependent, KubeObject owner)
    {
        var copy = dependent.DeepClone();
        copy.Metadata.SetOwnerReferences(copy.Metadata.OwnerReferences.Append(Ownership.ControllerReferenceTo(owner)));
        return copy;
    }

    /// <summary>A copy of <paramref name="dependent"/> without its reference to <paramref name="owner"/>.</summary>
    public static KubeObject WithoutReferenceTo(KubeObject dependent, KubeObject owner)
    {
        var copy = dependent.DeepClone();
        copy.Metadata.SetOwnerReferences(copy.Metadata.OwnerReferences.Where(o => o.Uid != owner.Metadata.Uid));
        return copy;
    }
}
