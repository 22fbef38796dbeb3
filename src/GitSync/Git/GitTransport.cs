namespace GitOps.GitSync.Git;

/// <summary>How a repository URL is reached: the local file system, HTTP(S), SSH, or git's own protocol.</summary>
public enum GitTransport { Local, Http, Ssh, Git }
