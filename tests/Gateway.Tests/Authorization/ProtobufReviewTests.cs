using GitOps.Gateway.Auth.Reviews;

namespace GitOps.Gateway.Tests.Authorization;

/// <summary>The access reviews kubectl sends in Kubernetes' protobuf encoding are read into their JSON form.</summary>
public sealed class ProtobufReviewTests
{
    [Fact]
    public void The_SelfSubjectAccessReview_of_kubectl_auth_can_i_list_pods_is_read()
    {
        // What kubectl 1.32 sends for `kubectl auth can-i list pods -n prod`, captured byte for byte.
        byte[] body =
        [
            .. "k8s\0\n2\n\u0017authorization.k8s.io/v1\u0012\u0017SelfSubjectAccessReview\u0012:\n\u0010\n\0\u0012\0\u001a\0\"\0*\u00002\u00008\0B\0"u8,
            .. "\u0012\u001c\n\u001a\n\u0004prod\u0012\u0004list\u001a\0\"\0*\u0004pods2\0:\0\u001a\b\b\0\u0012\0\u001a\0 \0\u001a\0\"\0"u8,
        ];

        var review = ProtobufReview.Read(body);

        Assert.NotNull(review);
        Assert.Equal("SelfSubjectAccessReview", review["kind"]!.GetValue<string>());
        Assert.Equal("""{"namespace":"prod","verb":"list","resource":"pods"}""", review["spec"]!["resourceAttributes"]!.ToJsonString());
    }

    [Fact]
    public void An_empty_nonResourceAttributes_message_as_some_kubectl_versions_send_counts_as_absent()
    {
        byte[] body =
        [
            .. "k8s\0\n2\n\u0017authorization.k8s.io/v1\u0012\u0017SelfSubjectAccessReview\u0012\u0014"u8,
            .. "\u0012\u0012\n\u000e\n\u0004prod\u0012\u0004list*\u0000\u0012\u0000"u8,
        ];

        var review = ProtobufReview.Read(body);

        Assert.NotNull(review);
        Assert.Equal("""{"resourceAttributes":{"namespace":"prod","verb":"list"}}""", review["spec"]!.ToJsonString());
    }

    [Fact]
    public void A_body_that_is_not_a_protobuf_envelope_is_refused()
    {
        Assert.Null(ProtobufReview.Read("{\"kind\":\"SelfSubjectAccessReview\"}"u8.ToArray()));
        Assert.Null(ProtobufReview.Read([.. "k8s\0"u8, 0x0a, 0x7f, 0x01]));
    }
}
