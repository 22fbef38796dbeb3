namespace GitOps.Gateway.Auth;

/// <summary>A token file as read: its users by token and the problems found, each naming <c>file:line</c>.</summary>
public sealed record TokenFileContents(IReadOnlyDictionary<string, UserInfo> Users, IReadOnlyList<string> Errors);
