namespace GitOps.Model.Selectors;

internal enum SelectorToken { End, Identifier, Comma, OpenParen, CloseParen, Equals, DoubleEquals, NotEquals, Bang, GreaterThan, LessThan }

/// <summary>Splits a label selector string into tokens, as Kubernetes' labels lexer does (identifiers end at whitespace or a special character).</summary>
internal ref struct SelectorLexer(string text)
{
    private readonly string _text = text;
    private int _position;

    public SelectorToken Token { get; private set; }

    public string Value { get; private set; } = "";

    /// <summary>0-based position where the current token starts.</summary>
    public int Start { get; private set; }

    public void Next()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            _position++;
        Start = _position;
        Value = "";
        if (_position >= _text.Length)
        {
            Token = SelectorToken.End;
            return;
        }
        var c = _text[_position];
        var next = _position + 1 < _text.Length ? _text[_position + 1] : '\0';
        (Token, var length) = c switch
        {
            ',' => (SelectorToken.Comma, 1),
            '(' => (SelectorToken.OpenParen, 1),
            ')' => (SelectorToken.CloseParen, 1),
            '=' when next == '=' => (SelectorToken.DoubleEquals, 2),
            '=' => (SelectorToken.Equals, 1),
            '!' when next == '=' => (SelectorToken.NotEquals, 2),
            '!' => (SelectorToken.Bang, 1),
            '>' => (SelectorToken.GreaterThan, 1),
            '<' => (SelectorToken.LessThan, 1),
            _ => (SelectorToken.Identifier, 0),
        };
        if (Token != SelectorToken.Identifier)
        {
            Value = _text.Substring(_position, length);
            _position += length;
            return;
        }
        while (_position < _text.Length && !IsSpecial(_text[_position]) && !char.IsWhiteSpace(_text[_position]))
            _position++;
        Value = _text[Start.._position];
    }

    private static bool IsSpecial(char c) => c is ',' or '(' or ')' or '=' or '!' or '>' or '<';
}
