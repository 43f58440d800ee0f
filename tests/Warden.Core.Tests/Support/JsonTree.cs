using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Warden.Tests.Support;

/// <summary>A JSON tree for property tests, written out with a chosen escaping of every name.</summary>
public abstract record JsonTree
{
    internal abstract void Write(StringBuilder text);

    public string ToJson()
    {
        var text = new StringBuilder();
        Write(text);
        return text.ToString();
    }

    public sealed override string ToString() => ToJson();

    /// <summary>Every property name, unescaped, with the depth of the object that holds it (root object = 1).</summary>
    internal IEnumerable<(string Name, int Depth)> Names(int depth = 0) => this switch
    {
        JsonObjectTree o => o.Properties.SelectMany(p => p.Value.Names(depth + 1).Prepend((p.Name.Value, depth + 1))),
        JsonArrayTree a => a.Items.SelectMany(i => i.Names(depth + 1)),
        _ => [],
    };

    public int Depth => this switch
    {
        JsonObjectTree o => 1 + o.Properties.Select(p => p.Value.Depth).DefaultIfEmpty(0).Max(),
        JsonArrayTree a => 1 + a.Items.Select(i => i.Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}

/// <summary>A string written with each character either literal or as a \u escape.</summary>
public sealed record JsonText(string Value, bool[] EscapeMask)
{
    internal void Write(StringBuilder text)
    {
        text.Append('"');
        for (var i = 0; i < Value.Length; i++)
        {
            var c = Value[i];
            // A surrogate pair is escaped whole or not at all, so the text stays valid UTF-16.
            var at = char.IsLowSurrogate(c) && i > 0 ? i - 1 : i;
            var escape = EscapeMask.Length > 0 && EscapeMask[at % EscapeMask.Length];
            if (escape || c < 0x20 || c == '"' || c == '\\')
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('"');
    }
}

public sealed record JsonStringTree(JsonText Text) : JsonTree
{
    internal override void Write(StringBuilder text) => Text.Write(text);
}

public sealed record JsonLiteralTree(string Raw) : JsonTree
{
    internal override void Write(StringBuilder text) => text.Append(Raw);
}

public sealed record JsonArrayTree(IReadOnlyList<JsonTree> Items) : JsonTree
{
    internal override void Write(StringBuilder text)
    {
        text.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            text.Append(i > 0 ? "," : string.Empty);
            Items[i].Write(text);
        }

        text.Append(']');
    }
}

public sealed record JsonObjectTree(IReadOnlyList<(JsonText Name, JsonTree Value)> Properties) : JsonTree
{
    internal override void Write(StringBuilder text)
    {
        text.Append('{');
        for (var i = 0; i < Properties.Count; i++)
        {
            text.Append(i > 0 ? "," : string.Empty);
            Properties[i].Name.Write(text);
            text.Append(':');
            Properties[i].Value.Write(text);
        }

        text.Append('}');
    }
}

/// <summary>Generators of random JSON trees whose property names come from a given pool.</summary>
internal static class JsonTreeGen
{
    public static readonly string[] ForbiddenKeys = ["__proto__", "constructor", "prototype"];

    public static readonly string[] NearMisses = ["__proto", "Constructor", "prototypes", "_proto_", "proto", "constructor ", "PROTOTYPE"];

    public static readonly string[] SensitiveKeys =
        ["password", "PASSWORD", "passwd", "token", "X-Auth-Token", "secret", "api_key", "apiKey", "key", "access_token", "Authorization", "ssh_keys"];

    public static readonly string[] BenignKeys = ["path", "user", "name", "body", "keyboard", "count", "a", "b", "items", "données", "名前"];

    /// <summary>Random text: ASCII, control characters, Latin-1, CJK and astral (surrogate pairs), but no lone surrogates.</summary>
    public static Gen<string> UnicodeString { get; } =
        Gen.Frequency(
                (6, Gen.Choose(0x20, 0x7e)),
                (1, Gen.Choose(0x00, 0x1f)),
                (2, Gen.Choose(0xa0, 0x2ff)),
                (2, Gen.Choose(0x4e00, 0x4fff)),
                (1, Gen.Choose(0x1f600, 0x1f64f)))
            .Select(char.ConvertFromUtf32)
            .ListOf()
            .Select(parts => string.Concat(parts.Take(24)));

    public static Gen<JsonText> Text(Gen<string> value) =>
        from v in value
        from mask in Gen.Frequency((3, Gen.Constant(Array.Empty<bool>())), (1, Gen.Elements(true, false).ArrayOf()))
        select new JsonText(v, mask);

    private static Gen<JsonTree> Leaf { get; } = Gen.OneOf(
        Text(UnicodeString).Select(t => (JsonTree)new JsonStringTree(t)),
        Gen.Elements("0", "-1", "42", "3.25", "-0.5e-3", "1E+10", "12345678901234567890", "true", "false", "null")
            .Select(raw => (JsonTree)new JsonLiteralTree(raw)));

    public static Gen<JsonTree> Tree(Gen<string> names, int size, bool objectRoot) =>
        objectRoot ? Object(names, size).Select(o => (JsonTree)o) : Node(names, size);

    private static Gen<JsonTree> Node(Gen<string> names, int size) => size <= 0
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (2, Object(names, size).Select(o => (JsonTree)o)),
            (1, Node(names, size / 2).ListOf().Select(items => (JsonTree)new JsonArrayTree(items.Take(5).ToList()))));

    private static Gen<JsonObjectTree> Object(Gen<string> names, int size) =>
        from count in Gen.Choose(0, 5)
        from keys in names.ListOf(count)
        from values in Node(names, size / 2).ListOf(count)
        from texts in Gen.CollectToList(keys.Distinct(StringComparer.Ordinal), k => Text(Gen.Constant(k)))
        select new JsonObjectTree(texts.Zip(values).ToList());
}
