namespace GitOps.Model.Selectors;

/// <summary>The outcome of parsing a selector: the selector, or an error saying where and why the input is bad.</summary>
public sealed record SelectorParseResult<T>(T? Selector, SelectorError? Error)
    where T : class
{
    public bool IsSuccess => Error is null && Selector is not null;

    public static SelectorParseResult<T> Ok(T selector) => new(selector, null);

    public static SelectorParseResult<T> Fail(int position, string message) => new(null, new SelectorError(position, message));

    /// <summary>The selector, or a <see cref="FormatException"/> with the error (for input already validated).</summary>
    public T GetOrThrow() => Selector ?? throw new FormatException(Error?.ToString() ?? "invalid selector");
}
