namespace GitOps.GitSync.Git;

/// <summary>What runs a git operation on a mirror: the git command-line client, or libgit2 in process through LibGit2Sharp.</summary>
public enum GitEngine { Cli, LibGit2 }
