using System.Net;
using System.Text;
using CsCheck;
using GitOps.Gateway.Resources;
using GitOps.Gateway.Tests.Infrastructure;
using GitOps.Model.Validation;

namespace GitOps.Gateway.Tests.Errors;

/// <summary>A malformed JSON body is a 400 Status naming the problem, never an exception (a 500) further on.</summary>
public sealed class RequestBodyFuzzTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly byte[] PodBody = Encoding.UTF8.GetBytes(Objects.Pod("fuzz", "web", new Dictionary<string, string> { ["app"] = "web" }).ToJsonString());

    private static readonly string[] Tokens =
        ["{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "\\uD800", "\\uDC00", "\\u0000", "null", "true", "1e999", "-", "\n", "\0", "\u00e9", "//", "/*"];

    [Fact]
    public void Mutated_pod_bodies_parse_to_an_object_the_gateway_can_validate_and_serialize_or_to_a_bad_request()
    {
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.Double.Unit, Gen.Byte, Gen.OneOf(Tokens));
        mutation.Array[1, 6].Sample(mutations =>
        {
            var body = mutations.Aggregate(PodBody, (bytes, m) => Mutate(bytes, m.Item1, m.Item2, m.Item3, m.Item4));
            var (obj, error) = ObjectBody.Parse("application/json", body, 1 << 20);
            if (obj is not null)
            {
                ObjectValidator.Validate(obj);
                obj.ToJson();
            }
            else if (error is null || error.Code != 400 || string.IsNullOrWhiteSpace(error.Message))
            {
                throw new InvalidOperationException($"neither an object nor a 400 for {Encoding.UTF8.GetString(body)}: {error}");
            }
        }, iter: 20_000, print: m => string.Join(", ", m));
    }

    [Fact]
    public async Task A_lone_surrogate_escape_in_a_label_is_a_bad_request_at_its_line_and_column()
    {
        var body = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\",\n \"metadata\": {\"name\": \"surrogate\", \"labels\": {\"app\": \"\\uD800\"}},\n"
            + " \"spec\": {\"containers\": [{\"name\": \"main\", \"image\": \"nginx\"}]}}";

        var answer = await fixture.Client.SendAsync(HttpMethod.Post, Objects.PodsPath("fuzz"), body, "application/json");

        Assert.True(answer.Code == HttpStatusCode.BadRequest, $"expected 400, got {answer}");
        Assert.True(answer.Message.Contains("line 2, column 54"), answer.Message);
        Assert.Contains("lone UTF-16 surrogate", answer.Message);
    }

    [Theory]
    // Invalid UTF-8 in a string: JsonNode parses it, reading the string throws.
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xa9, (byte)'"', (byte)'}' }, "line 1, column 7", "not valid UTF-8")]
    // A lone surrogate in a property name: the duplicate-name check throws InvalidOperationException.
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'\\', (byte)'u', (byte)'D', (byte)'8', (byte)'0', (byte)'0', (byte)'"', (byte)':', (byte)'1', (byte)'}' }, "line 1, column 2", "lone UTF-16 surrogate")]
    // A property twice in one object (bytes deleted between two "name"s): materializing the object throws ArgumentException.
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'1', (byte)',', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'2', (byte)'}' }, "line 1, column", "Duplicate")]
    public void Found_bodies_are_bad_requests_at_their_line_and_column(byte[] body, string at, string problem)
    {
        var (node, error) = RequestBody.ParseJson(body);

        Assert.Null(node);
        Assert.Equal(400, error!.Code);
        Assert.Contains(at, error.Message);
        Assert.Contains(problem, error.Message);
    }

    private static byte[] Mutate(byte[] bytes, int kind, double at, byte value, string token)
    {
        var position = Math.Clamp((int)(at * bytes.Length), 0, bytes.Length);
        return kind switch
        {
            0 when position < bytes.Length => [.. bytes[..position], value, .. bytes[(position + 1)..]],
            0 or 1 => [.. bytes[..position], .. Encoding.UTF8.GetBytes(token), .. bytes[position..]],
            2 => [.. bytes[..position], .. bytes[Math.Min(bytes.Length, position + 1 + value % 16)..]],
            _ => bytes[..position],
        };
    }
}
