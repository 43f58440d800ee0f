using System.Text.Json;
using Warden.Stages.ArgumentSanitation;

namespace Warden.Tests.Stages;

public sealed class ArgumentSanitizerTests
{
    private static readonly ArgumentSanitizer Default = new(new ArgumentSanitationOptions());

    private static ArgumentViolation Check(string json, ArgumentSanitizer? sanitizer = null)
    {
        using var document = JsonDocument.Parse(json);
        return (sanitizer ?? Default).Check(document.RootElement);
    }

    [Theory]
    [InlineData("""{"__proto__":{"admin":true}}""", "__proto__")]
    [InlineData("""{"constructor":{"prototype":{}}}""", "constructor")]
    [InlineData("""{"prototype":1}""", "prototype")]
    [InlineData("""{"a":{"b":{"__proto__":1}}}""", "__proto__")]
    [InlineData("""{"a":[1,{"constructor":2}]}""", "constructor")]
    [InlineData("""{"a":[[[{"prototype":null}]]]}""", "prototype")]
    [InlineData("""{"__pro\u0074o__":1}""", "__proto__")]
    [InlineData("""{"a":[{"\u0063onstructor":1}]}""", "constructor")]
    [InlineData("""{"\u0070\u0072\u006f\u0074\u006f\u0074\u0079\u0070\u0065":1}""", "prototype")]
    public void Forbidden_keys_are_rejected_at_any_depth_and_escaped(string json, string key) =>
        Assert.Equal(new ArgumentViolation(ArgumentViolationKind.ForbiddenKey, key), Check(json));

    [Theory]
    [InlineData("""{"name":"__proto__"}""")]
    [InlineData("""{"list":["constructor","prototype"]}""")]
    [InlineData("""{"Constructor":1,"__proto":2,"prototypes":3,"_proto_":4}""")]
    public void Forbidden_words_as_values_or_near_misses_pass(string json) =>
        Assert.True(Check(json).IsNone);

    [Theory]
    [InlineData("[]", "Array")]
    [InlineData("\"text\"", "String")]
    [InlineData("42", "Number")]
    [InlineData("null", "Null")]
    [InlineData("true", "True")]
    public void Arguments_must_be_an_object(string json, string kind) =>
        Assert.Equal(new ArgumentViolation(ArgumentViolationKind.NotAnObject, kind), Check(json));

    [Fact]
    public void Default_arguments_element_is_not_an_object() =>
        Assert.Equal(ArgumentViolationKind.NotAnObject, Default.Check(default).Kind);

    [Theory]
    [InlineData(32, ArgumentViolationKind.None)]
    [InlineData(33, ArgumentViolationKind.TooDeep)]
    public void Depth_limit_counts_nested_containers(int depth, ArgumentViolationKind expected)
    {
        var json = string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "[]" + new string('}', depth - 1);

        var violation = Check(json);

        Assert.Equal(expected, violation.Kind);
        if (expected == ArgumentViolationKind.TooDeep)
        {
            Assert.Equal("33", violation.Detail);
        }
    }

    [Fact]
    public void Depth_limit_applies_inside_arrays()
    {
        var sanitizer = new ArgumentSanitizer(new ArgumentSanitationOptions { MaxDepth = 3 });

        Assert.True(Check("""{"a":[[1]]}""", sanitizer).IsNone);
        Assert.Equal(ArgumentViolationKind.TooDeep, Check("""{"a":[[[1]]]}""", sanitizer).Kind);
    }

    [Fact]
    public void Total_size_limit()
    {
        var sanitizer = new ArgumentSanitizer(new ArgumentSanitationOptions { MaxTotalBytes = 20 });

        Assert.True(Check("""{"a":"0123456789ab"}""", sanitizer).IsNone);
        Assert.Equal(new ArgumentViolation(ArgumentViolationKind.TooLarge, "21"), Check("""{"a":"0123456789abc"}""", sanitizer));
    }

    [Fact]
    public void Default_total_size_limit_is_256_KiB()
    {
        var within = $$"""{"a":"{{new string('x', 256 * 1024 - 8)}}"}""";
        var beyond = $$"""{"a":"{{new string('x', 256 * 1024 - 7)}}"}""";
        var sanitizer = new ArgumentSanitizer(new ArgumentSanitationOptions { MaxStringLength = int.MaxValue });

        Assert.True(Check(within, sanitizer).IsNone);
        Assert.Equal(ArgumentViolationKind.TooLarge, Check(beyond, sanitizer).Kind);
    }

    [Theory]
    [InlineData("""{"a":"0123456789"}""", ArgumentViolationKind.None, "")]
    [InlineData("""{"a":"0123456789X"}""", ArgumentViolationKind.StringTooLong, "11")]
    [InlineData("""{"0123456789X":1}""", ArgumentViolationKind.StringTooLong, "11")]
    [InlineData("""{"a":["ok",{"b":"0123456789X"}]}""", ArgumentViolationKind.StringTooLong, "11")]
    [InlineData("""{"a":"\u0041\u0041\u0041\u0041\u0041\u0041\u0041\u0041\u0041\u0041"}""", ArgumentViolationKind.None, "")]
    [InlineData("""{"a":"éééééééééé"}""", ArgumentViolationKind.None, "")]
    [InlineData("""{"a":"ééééééééééé"}""", ArgumentViolationKind.StringTooLong, "11")]
    public void String_length_limit_counts_characters_after_unescaping(string json, ArgumentViolationKind kind, string detail)
    {
        var sanitizer = new ArgumentSanitizer(new ArgumentSanitationOptions { MaxStringLength = 10 });

        var violation = Check(json, sanitizer);

        Assert.Equal(kind, violation.Kind);
        if (kind != ArgumentViolationKind.None)
        {
            Assert.Equal(detail, violation.Detail);
        }
    }
}
