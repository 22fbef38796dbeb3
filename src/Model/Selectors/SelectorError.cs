namespace GitOps.Model.Selectors;

/// <summary>Why a selector could not be parsed: the 0-based character position in the input (or -1) and the reason.</summary>
public sealed record SelectorError(int Position, string Message)
{
    public override string ToString() => Position >= 0 ? $"at position {Position}: {Message}" : Message;
}
