namespace GitOps.TestSupport;

/// <summary>Where a test process's <see cref="PostgresServer"/> came from.</summary>
public enum PostgresServerKind
{
    /// <summary>The server named by GITOPS_TEST_POSTGRES.</summary>
    External,

    /// <summary>A container started through Testcontainers.</summary>
    Container,

    /// <summary>A private server from the local binaries.</summary>
    Local,
}
