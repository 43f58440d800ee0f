using System.Globalization;
using System.Text.Json.Nodes;

namespace Warden.Policies.Yaml;

/// <summary>Turns a YAML node into JSON with YAML's core-schema typing of plain scalars.</summary>
internal static class YamlJson
{
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlScalar scalar => ScalarToJson(scalar),
        YamlSequence sequence => new JsonArray(sequence.Items.Select(ToJson).ToArray()),
        YamlMapping mapping => ToObject(mapping),
        _ => null,
    };

    private static JsonObject ToObject(YamlMapping mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Entries)
        {
            result[key.Value] = ToJson(value);
        }

        return result;
    }

    private static JsonNode? ScalarToJson(YamlScalar scalar)
    {
        if (!scalar.IsPlain)
        {
            return JsonValue.Create(scalar.Value);
        }

        var text = scalar.Value;
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) => JsonValue.Create(real),
            _ => JsonValue.Create(text),
        };
    }
}
