using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Warden.Auditing;
using Warden.Tests.Support;

namespace Warden.Tests.Auditing;

public sealed class SecretMaskerProperties
{
    public static class Arbitraries
    {
        public static Arbitrary<JsonTree> Trees() => Arb.From(Gen.Sized(size =>
            Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false))).SelectMany(objectRoot => JsonTreeGen.Tree(
                Gen.Frequency(
                    (3, Gen.Elements(JsonTreeGen.SensitiveKeys)),
                    (4, Gen.Elements(JsonTreeGen.BenignKeys)),
                    (2, JsonTreeGen.UnicodeString)),
                Math.Min(size, 40),
                objectRoot))));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 500)]
    public void Masking_hides_every_sensitive_value_and_keeps_everything_else(JsonTree tree)
    {
        using var document = JsonDocument.Parse(tree.ToJson());

        var masked = SecretMasker.MaskToString(document.RootElement);

        var output = JsonNode.Parse(masked);
        AssertSensitiveMasked(output);
        var input = JsonNode.Parse(tree.ToJson());
        Assert.True(
            JsonNode.DeepEquals(WithoutSensitive(input), WithoutSensitive(output)),
            $"input:  {tree}{Environment.NewLine}output: {masked}");
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public bool Masking_is_idempotent(JsonTree tree)
    {
        using var document = JsonDocument.Parse(tree.ToJson());
        var once = SecretMasker.MaskToString(document.RootElement);
        using var again = JsonDocument.Parse(once);
        return SecretMasker.MaskToString(again.RootElement) == once;
    }

    private static void AssertSensitiveMasked(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    if (SensitiveFieldNames.IsSensitive(name))
                    {
                        Assert.Equal("***", Assert.IsAssignableFrom<JsonValue>(value).GetValue<string>());
                    }
                    else
                    {
                        AssertSensitiveMasked(value);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    AssertSensitiveMasked(item);
                }

                break;
        }
    }

    private static JsonNode? WithoutSensitive(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o
            .Where(p => !SensitiveFieldNames.IsSensitive(p.Key))
            .Select(p => KeyValuePair.Create(p.Key, WithoutSensitive(p.Value)))),
        JsonArray a => new JsonArray(a.Select(WithoutSensitive).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
