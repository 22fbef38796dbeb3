using GitOps.Gateway.Auth;

namespace GitOps.Gateway.Tests.Auth;

/// <summary>The protobuf body kubectl create token sends, captured from kubectl 1.32 (--duration 20m --audience foo --audience bar).</summary>
public sealed class TokenRequestProtobufTests
{
    private static readonly byte[] FromKubectl = Convert.FromHexString(
        "6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e52657175657374" +
        "12270a100a0012001a0022002a00320038004200120d0a03666f6f0a0362617220b0091a040a0012001a002200");

    [Fact]
    public void Reads_the_audiences_and_lifetime_kubectl_asked_for()
    {
        var (request, error) = TokenRequestProtobuf.Read(FromKubectl);

        Assert.Null(error);
        var spec = request!["spec"]!;
        Assert.Equal(["foo", "bar"], spec["audiences"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(1200, spec["expirationSeconds"]!.GetValue<long>());
    }

    [Fact]
    public void A_body_cut_short_is_an_error_not_an_exception()
    {
        var (request, error) = TokenRequestProtobuf.Read(FromKubectl[..60]);

        Assert.Null(request);
        Assert.Contains("runs past the end", error);
    }
}
