using System.Text.Json.Nodes;
using CsCheck;
using GitOps.Model.Quantities;
using GitOps.Model.Selectors;
using GitOps.TestSupport.Fuzzing;

namespace GitOps.Model.Tests.Fuzzing;

/// <summary>The Model's text parsers answer every input with a value or their documented error, never an exception.</summary>
public sealed class TextParserFuzzTests
{
    private const int Iterations = 20_000;

    private static readonly string[] SelectorTokens =
    [
        "app", "tier", "example.com/", "a.b-c_d", "web", "=", "==", "!=", ",", " in ", " notin ", "(", ")", "!", " ", "metadata.name",
        "status.phase", "spec.nodeName", "x", "1", "-", "_", ".", "/", "in", "notin", "exists",
    ];

    private static readonly string[] QuantityTokens =
    [
        "0", "1", "5", "9", "100", ".", "-", "+", "e", "E", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u",
        "9223372036854775807", "79228162514264337593543950335", "e18", "e-18", "e999", "i",
    ];

    [Fact]
    public void Label_selectors_parse_or_fail_at_a_position_inside_the_text() =>
        FuzzText.Of(SelectorTokens).Sample(text =>
        {
            var result = LabelSelector.Parse(text);
            CheckSelector(text, result.IsSuccess, result.Error);
            if (result.IsSuccess)
                result.Selector!.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "1" });
        }, iter: Iterations);

    [Fact]
    public void Field_selectors_parse_or_fail_at_a_position_inside_the_text() =>
        FuzzText.Of(SelectorTokens).Sample(text =>
        {
            var result = FieldSelector.Parse(text);
            CheckSelector(text, result.IsSuccess, result.Error);
        }, iter: Iterations);

    [Fact]
    public void Quantities_parse_to_a_value_whose_text_parses_again_or_fail_with_a_message() =>
        FuzzText.Of(QuantityTokens).Sample(text =>
        {
            if (Quantity.TryParse(text, out var quantity, out var error))
            {
                var formatted = quantity.ToString();
                if (!Quantity.TryParse(formatted, out _, out var againError))
                    throw new InvalidOperationException($"'{text}' parsed to {formatted}, which does not read back: {againError}");
            }
            else if (string.IsNullOrWhiteSpace(error))
            {
                throw new InvalidOperationException($"'{text}' failed without a message");
            }
            Quantity.TryParse(JsonValue.Create(text), out _, out _);
        }, iter: Iterations);

    private static void CheckSelector(string text, bool success, SelectorError? error)
    {
        if (success)
            return;
        if (error is null || string.IsNullOrWhiteSpace(error.Message))
            throw new InvalidOperationException($"'{text}' failed without a message");
        if (error.Position < 0 || error.Position > text.Length)
            throw new InvalidOperationException($"'{text}' failed at position {error.Position}, outside its {text.Length} characters: {error.Message}");
    }
}
