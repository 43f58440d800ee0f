using System.Text.Json;
using System.Text.Json.Nodes;
using Warden.Auditing;

namespace Warden.Tests.Auditing;

public sealed class SecretMaskerTests
{
    private static JsonNode Mask(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonNode.Parse(SecretMasker.MaskToString(document.RootElement))!;
    }

    [Theory]
    [InlineData("password")]
    [InlineData("Password")]
    [InlineData("TOKEN")]
    [InlineData("secret")]
    [InlineData("key")]
    [InlineData("api_key")]
    [InlineData("apiKey")]
    [InlineData("X-Auth-Token")]
    [InlineData("passwd")]
    public void Sensitive_field_is_masked(string name)
    {
        var masked = Mask($$"""{"{{name}}":"hunter2","user":"bob"}""");

        Assert.Equal("***", masked[name]!.GetValue<string>());
        Assert.Equal("bob", masked["user"]!.GetValue<string>());
    }

    [Fact]
    public void Escaped_sensitive_name_is_masked()
    {
        var text = SecretMasker.MaskToString(JsonDocument.Parse("""{"pass\u0077ord":"hunter2"}""").RootElement);

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Equal("***", JsonNode.Parse(text)!["password"]!.GetValue<string>());
    }

    [Fact]
    public void Masks_at_any_depth_and_inside_arrays()
    {
        var masked = Mask("""{"a":{"b":[{"token":"t1"},{"c":{"secret":42}}]},"list":[[{"apiKey":true}]]}""");

        Assert.Equal("***", masked["a"]!["b"]![0]!["token"]!.GetValue<string>());
        Assert.Equal("***", masked["a"]!["b"]![1]!["c"]!["secret"]!.GetValue<string>());
        Assert.Equal("***", masked["list"]![0]![0]!["apiKey"]!.GetValue<string>());
    }

    [Fact]
    public void Whole_object_and_array_values_are_masked()
    {
        var masked = Mask("""{"credentials":{"user":"u","pass":"p"},"keys":["k1","k2"],"after":1}""");

        Assert.Equal("***", masked["credentials"]!.GetValue<string>());
        Assert.Equal("***", masked["keys"]!.GetValue<string>());
        Assert.Equal(1, masked["after"]!.GetValue<int>());
    }

    [Fact]
    public void Non_sensitive_values_are_unchanged()
    {
        const string json = """{"s":"caf\u00e9 \"quoted\" \\ <tag> 😀","n":-1.25e3,"i":12345678901234567890,"t":true,"f":false,"z":null,"a":[1,"two",{"x":[]}],"o":{}}""";

        var masked = Mask(json);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), masked), masked.ToJsonString());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"password\"")]
    [InlineData("3")]
    [InlineData("null")]
    public void Non_object_values_are_copied(string json) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), Mask(json)));

    [Fact]
    public void Default_element_masks_to_null() =>
        Assert.Equal("null", SecretMasker.MaskToString(default));
}

public sealed class SecretMaskerDetectorTests
{
    [Fact]
    public void A_secret_inside_an_ordinary_field_is_cut_out_and_the_rest_kept()
    {
        var key = "AKIA" + "IOSFODNN7EXAMPLE";
        using var document = System.Text.Json.JsonDocument.Parse($$"""{"body":"use {{key}} for the upload","n":[{"note":"card 4111 1111 1111 1111 ok"}]}""");

        var masked = Warden.Auditing.SecretMasker.MaskToString(document.RootElement);

        Assert.DoesNotContain(key, masked, StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111 1111 1111", masked, StringComparison.Ordinal);
        Assert.Contains("use *** for the upload", masked, StringComparison.Ordinal);
    }
}
