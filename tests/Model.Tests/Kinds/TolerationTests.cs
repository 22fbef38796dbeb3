using GitOps.Model.Kinds;

namespace GitOps.Model.Tests.Kinds;

public sealed class TolerationTests
{
    private static readonly Taint Unreachable = new(TaintKeys.Unreachable, null, TaintEffects.NoExecute);

    [Fact]
    public void Exists_with_empty_key_tolerates_everything() =>
        Assert.True(new Toleration(null, "Exists", null, null).Tolerates(Unreachable));

    [Fact]
    public void Exists_on_key_tolerates_any_value_of_that_key()
    {
        Assert.True(new Toleration(TaintKeys.Unreachable, "Exists", null, TaintEffects.NoExecute, 300).Tolerates(Unreachable));
        Assert.False(new Toleration(TaintKeys.NotReady, "Exists", null, null).Tolerates(Unreachable));
    }

    [Fact]
    public void Equal_requires_the_same_value()
    {
        var taint = new Taint("dedicated", "gpu", TaintEffects.NoSchedule);
        Assert.True(new Toleration("dedicated", "Equal", "gpu", TaintEffects.NoSchedule).Tolerates(taint));
        Assert.True(new Toleration("dedicated", null, "gpu", null).Tolerates(taint));
        Assert.False(new Toleration("dedicated", "Equal", "cpu", TaintEffects.NoSchedule).Tolerates(taint));
    }

    [Fact]
    public void Effect_must_match_when_set() =>
        Assert.False(new Toleration(TaintKeys.Unreachable, "Exists", null, TaintEffects.NoSchedule).Tolerates(Unreachable));

    [Fact]
    public void Unknown_operator_tolerates_nothing() =>
        Assert.False(new Toleration(TaintKeys.Unreachable, "Gt", null, null).Tolerates(Unreachable));
}
