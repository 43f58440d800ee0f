using System.Text;
using System.Text.Json;
using Warden.Json;

namespace Warden.Core.Tests.Json;

/// <summary>
/// The canonical form is hashed into approvals, idempotency keys and the audit chain: these pin it
/// byte for byte, so that a change to how it is written cannot pass unnoticed.
/// </summary>
public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData("""{"b":1,"a":{"d":[3,2,{"z":null,"y":true}],"c":"x"},"A":false}""", """{"A":false,"a":{"c":"x","d":[3,2,{"y":true,"z":null}]},"b":1}""")]
    [InlineData("""{ "s" : "line\nquote\" slash\/ plus+ é \u00e9 😀 <tag> \u0000", "n": 1.50e+3, "m": -0, "e": "" }""", """{"e":"","m":-0,"n":1.50e+3,"s":"line\nquote\u0022 slash/ plus\u002B \u00E9 \u00E9 \uD83D\uDE00 \u003Ctag\u003E \u0000"}""")]
    [InlineData("""{"é":1,"e":2,"\u0041":3,"\n":4,"😀":5,"\uFF21":6}""", """{"\n":4,"A":3,"e":2,"\u00E9":1,"\uD83D\uDE00":5,"\uFF21":6}""")]
    [InlineData("""["a",{"k":"v","k":"w"},[],{}]""", """["a",{"k":"v","k":"w"},[],{}]""")]
    public void Members_are_sorted_by_name_strings_reescaped_one_way_and_numbers_kept_as_written(string json, string canonical)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(canonical, Encoding.UTF8.GetString(CanonicalJson.Bytes(document.RootElement)));
    }

    [Fact]
    public void Member_order_and_spacing_do_not_change_the_hash_but_a_value_does()
    {
        using var one = JsonDocument.Parse("""{"to":"a@example.com","body":"hi","cc":["b","c"]}""");
        using var two = JsonDocument.Parse("""{ "cc" : [ "b", "c" ], "body" : "h\u0069", "to" : "a@example.com" }""");
        using var other = JsonDocument.Parse("""{"to":"a@example.com","body":"hi","cc":["c","b"]}""");
        Assert.Equal(CanonicalJson.Sha256(one.RootElement), CanonicalJson.Sha256(two.RootElement));
        Assert.NotEqual(CanonicalJson.Sha256(one.RootElement), CanonicalJson.Sha256(other.RootElement));
    }
}
