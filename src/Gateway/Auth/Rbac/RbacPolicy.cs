using System.Runtime.CompilerServices;
using GitOps.Grains.Informers;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Auth.Rbac;

/// <summary>
/// The RBAC objects the authorizer decides on: Role, ClusterRole, RoleBinding and ClusterRoleBinding from the
/// silo's shared informers, plus the <see cref="BootstrapPolicy"/>. <see cref="GrantsFor"/> lists what applies
/// to a user in a namespace (ClusterRoleBindings, then the namespace's RoleBindings), as RBAC's rule visitor.
/// </summary>
public sealed class RbacPolicy
{
    public const string Group = "rbac.authorization.k8s.io";

    // Informer objects are shared and never change, so each role's rules are read once.
    private static readonly ConditionalWeakTable<KubeObject, IReadOnlyList<PolicyRule>> ParsedRules = new();

    private readonly SharedInformerFactory _factory;
    private readonly Informer _roles;
    private readonly Informer _clusterRoles;
    private readonly Informer _roleBindings;
    private readonly Informer _clusterRoleBindings;

    public RbacPolicy(SharedInformerFactory factory)
    {
        _factory = factory;
        // Asked for now, so the follower lists these kinds before the first request needs them.
        _roles = factory.For(new ResourceType(Group, "Role"));
        _clusterRoles = factory.For(new ResourceType(Group, "ClusterRole"));
        _roleBindings = factory.For(new ResourceType(Group, "RoleBinding"));
        _clusterRoleBindings = factory.For(new ResourceType(Group, "ClusterRoleBinding"));
    }

    private Informer[] Informers => [_roles, _clusterRoles, _roleBindings, _clusterRoleBindings];

    /// <summary>Completes once every RBAC kind has been listed (at once after start-up).</summary>
    public async ValueTask WaitUntilSyncedAsync(CancellationToken cancellationToken)
    {
        foreach (var informer in Informers)
        {
            if (!informer.HasSynced)
                await informer.WaitUntilCurrentAsync(0, cancellationToken);
        }
    }

    /// <summary>Completes once the caches hold every RBAC change committed so far (a binding created just before is seen).</summary>
    public async Task WaitUntilCurrentAsync(CancellationToken cancellationToken)
    {
        var current = await _factory.CurrentResourceVersionAsync(cancellationToken);
        foreach (var informer in Informers)
            await informer.WaitUntilCurrentAsync(current, cancellationToken);
    }

    /// <summary>
    /// The grants that apply to <paramref name="user"/> in <paramref name="namespace"/> (empty: cluster-wide only).
    /// A binding whose role does not exist grants nothing; <paramref name="errors"/> says which.
    /// </summary>
    public IEnumerable<RoleGrant> GrantsFor(UserInfo user, string @namespace, ICollection<string> errors)
    {
        var clusterBindings = BootstrapPolicy.ClusterRoleBindings.Concat(_clusterRoleBindings.List().Select(RoleBinding.Of));
        var bindings = @namespace.Length == 0
            ? clusterBindings
            : clusterBindings.Concat(_roleBindings.List(@namespace).Select(RoleBinding.Of));
        foreach (var binding in bindings)
        {
            if (!binding.AppliesTo(user))
                continue;
            var rules = RulesOf(binding);
            if (rules is null)
                errors.Add($"{binding.Describe()}: {binding.RoleKind.ToLowerInvariant()}.{Group} \"{binding.RoleName}\" not found");
            else
                yield return new RoleGrant(binding, rules);
        }
    }

    private IReadOnlyList<PolicyRule>? RulesOf(RoleBinding binding)
    {
        switch (binding.RoleKind)
        {
            case RoleBinding.ClusterRoleKindName:
                if (_clusterRoles.Get("", binding.RoleName) is { } clusterRole)
                    return ParsedRules.GetValue(clusterRole, r => PolicyRule.ListOf(r.Root["rules"]));
                return BootstrapPolicy.ClusterRoles.GetValueOrDefault(binding.RoleName);
            case RoleBinding.RoleKindName when binding.Namespace.Length > 0:
                return _roles.Get(binding.Namespace, binding.RoleName) is { } role
                    ? ParsedRules.GetValue(role, r => PolicyRule.ListOf(r.Root["rules"]))
                    : null;
            default:
                return null;
        }
    }
}
