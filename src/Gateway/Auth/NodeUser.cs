namespace GitOps.Gateway.Auth;

/// <summary>How a node agent's node is known, as the kubelet is: user system:node:NAME in group system:nodes.</summary>
public static class NodeUser
{
    public const string Prefix = "system:node:";
    public const string Group = "system:nodes";

    public static UserInfo Of(string nodeName) => new(Prefix + nodeName, "", [Group]);
}
