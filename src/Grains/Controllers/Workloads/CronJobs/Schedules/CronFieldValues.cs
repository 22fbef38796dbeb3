using System.Numerics;

namespace GitOps.Grains.Controllers.Workloads.CronJobs.Schedules;

/// <summary>
/// The values one field matches, as a bit set (bit n: value n), and whether the field was written
/// unrestricted (<c>*</c> or <c>?</c> without a step), which decides how day-of-month and day-of-week combine.
/// </summary>
public readonly record struct CronFieldValues(ulong Bits, bool Unrestricted)
{
    public bool Contains(int value) => (Bits & (1UL << value)) != 0;

    /// <summary>The smallest matched value at or above <paramref name="value"/>, or -1 when none.</summary>
    public int NextAtOrAbove(int value)
    {
        if (value > 63)
            return -1;
        var rest = Bits >> value << value;
        return rest == 0 ? -1 : BitOperations.TrailingZeroCount(rest);
    }

    /// <summary>The largest matched value at or below <paramref name="value"/>, or -1 when none.</summary>
    public int PreviousAtOrBelow(int value)
    {
        if (value < 0)
            return -1;
        var rest = value >= 63 ? Bits : Bits & ((1UL << (value + 1)) - 1);
        return rest == 0 ? -1 : 63 - BitOperations.LeadingZeroCount(rest);
    }

    public IEnumerable<int> Values()
    {
        for (var v = 0; v < 64; v++)
        {
            if (Contains(v))
                yield return v;
        }
    }
}
