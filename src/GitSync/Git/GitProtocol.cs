namespace GitOps.GitSync.Git;

/// <summary>
/// The transport a repository URL names, as git's <c>GIT_ALLOW_PROTOCOL</c> spells them: <c>file</c> (file:// and local
/// paths), <c>http</c>, <c>https</c>, <c>ssh</c> (ssh:// and scp-style) and <c>git</c>.
/// </summary>
public enum GitProtocol { File, Http, Https, Ssh, Git }
