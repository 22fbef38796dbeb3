using GitOps.Gateway.Auth;
using GitOps.Gateway.Tests.Infrastructure;
using GitOps.TestSupport;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Tests.Auth;

/// <summary>Reading kube-apiserver's token file format: quoted groups, optional columns, and errors that name file:line.</summary>
public sealed class TokenFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"gitops-authn-tokens-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Reads_users_with_quoted_groups_and_without_a_groups_column()
    {
        File.WriteAllText(_path, "t1,alice,u1,\"dev,ops\"\n\n# comment\nt2, bob ,u2\nt3,node,u3,system:nodes\n");

        var contents = TokenFile.Read(_path);

        Assert.Empty(contents.Errors);
        Assert.Equal(["dev", "ops"], contents.Users["t1"].Groups);
        Assert.Equal("bob", contents.Users["t2"].Name);
        Assert.Empty(contents.Users["t2"].Groups);
        Assert.Equal(["system:nodes"], contents.Users["t3"].Groups);
    }

    [Fact]
    public void Problems_name_the_file_and_line()
    {
        File.WriteAllText(_path, "t1,alice,u1\nt2,bob\nt3,carol,u3,\"dev\n,nobody,u4\nt1,dave,u5\n");

        var errors = TokenFile.Read(_path).Errors;

        Assert.Collection(errors,
            e => Assert.StartsWith($"{_path}:2: a line needs at least 3 columns", e),
            e => Assert.StartsWith($"{_path}:3: a quoted field is not closed", e),
            e => Assert.StartsWith($"{_path}:4: the token column is empty", e),
            e => Assert.StartsWith($"{_path}:5: this token is already given to user 'alice'", e));
    }

    [Fact]
    public async Task A_bad_token_file_stops_the_start_naming_the_file_and_line()
    {
        File.WriteAllText(_path, "t1,alice,u1\nt2\n");

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(memoryStore: true, settings: new Dictionary<string, string?>
        {
            [AnonymousAccess.Setting] = "false",
            ["GitOps:Auth:TokenFile"] = _path,
        }));

        Assert.Contains($"{_path}:2: a line needs at least 3 columns", failure.Message);
    }

    [Fact]
    public void A_line_written_by_the_format_reads_back_as_the_same_user()
    {
        var user = new UserInfo("system:node:n1", "uid-1", ["system:nodes", "extra"]);
        File.WriteAllText(_path, TokenFile.Line("tok\"en", user) + "\n");

        var read = TokenFile.Read(_path).Users["tok\"en"];

        Assert.Equal(user.Name, read.Name);
        Assert.Equal(user.Uid, read.Uid);
        Assert.Equal(user.Groups, read.Groups);
    }
}
