using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Warden.Json;

/// <summary>
/// Finds the path (<c>$.a.b[2]</c>) of the first node that matches a test. Used only to explain a
/// refusal, so it favours clarity over speed.
/// </summary>
internal static class JsonPaths
{
    /// <summary>A test on one node: its property name (null in arrays and at the root), its value and its depth.</summary>
    public delegate bool NodeTest(string? propertyName, JsonElement value, int depth);

    /// <summary>The path of the first node, depth first, that passes <paramref name="test"/>; or <c>$</c>.</summary>
    public static string FindFirst(JsonElement root, NodeTest test)
    {
        var path = new StringBuilder("$");
        return Visit(root, null, 0, test, path) ? path.ToString() : "$";
    }

    private static bool Visit(JsonElement value, string? name, int depth, NodeTest test, StringBuilder path)
    {
        if (test(name, value, depth))
        {
            return true;
        }

        var mark = path.Length;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    path.Append('.').Append(property.Name);
                    if (Visit(property.Value, property.Name, depth + 1, test, path))
                    {
                        return true;
                    }

                    path.Length = mark;
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                    if (Visit(item, null, depth + 1, test, path))
                    {
                        return true;
                    }

                    path.Length = mark;
                    index++;
                }

                break;
        }

        return false;
    }
}
