using GitOps.Gateway.Tables;

namespace GitOps.Gateway.Tests.Units;

public sealed class AgeTests
{
    [Theory]
    [InlineData(5, "5s")]
    [InlineData(119, "119s")]
    [InlineData(200, "3m20s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 1200, "3h20m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 7200, "3d2h")]
    [InlineData(40 * 86400, "40d")]
    [InlineData(3 * 365 * 86400 + 86400 * 10, "3y10d")]
    public void Ages_read_as_kubectl_prints_them(int seconds, string expected) =>
        Assert.Equal(expected, Age.Format(TimeSpan.FromSeconds(seconds)));
}
