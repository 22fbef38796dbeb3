namespace GitOps.Model.Tests.Fuzzing;

/// <summary>One seed file of the fuzz tests: its name (relative, with the extension the reader dispatches on) and its bytes.</summary>
public sealed record FuzzFile(string Name, byte[] Content)
{
    public override string ToString() => Name;
}
