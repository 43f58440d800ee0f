using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Warden.Policies.Yaml;

/// <summary>
/// Reads YAML text into <see cref="YamlNode"/>s with positions. Written over YamlDotNet's parser
/// events rather than its representation model because that model throws at the first duplicate
/// key, and a policy must report every error at once.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>The deepest nesting a policy may have.</summary>
    public const int MaxDepth = 64;

    /// <summary>Reads one document; problems are added to <paramref name="errors"/> and null is returned.</summary>
    public static YamlNode? Read(string text, List<PolicyDiagnostic> errors)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                errors.Add(new PolicyDiagnostic(true, "the policy is empty", 1, 1, string.Empty));
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, errors, 0);
            parser.Consume<DocumentEnd>();
            if (parser.Current is DocumentStart extra)
            {
                errors.Add(Error("a policy file holds one YAML document; remove the second", extra.Start));
            }

            return root;
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Trim();
            errors.Add(new PolicyDiagnostic(true, "YAML syntax: " + message, (int)e.Start.Line, (int)e.Start.Column, string.Empty));
            return null;
        }
    }

    private static YamlNode ReadNode(IParser parser, List<PolicyDiagnostic> errors, int depth)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of the document");
        if (depth > MaxDepth)
        {
            throw new YamlException(current.Start, current.End, $"the policy nests deeper than {MaxDepth} levels");
        }

        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                errors.Add(Error("aliases (*name) are not supported in a policy; write the value out", alias.Start));
                return new YamlScalar(string.Empty, false, (int)alias.Start.Line, (int)alias.Start.Column);
            case Scalar scalar:
                parser.MoveNext();
                return new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain && !scalar.IsQuotedImplicit, (int)scalar.Start.Line, (int)scalar.Start.Column);
            case SequenceStart start:
                {
                    parser.MoveNext();
                    var items = new List<YamlNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        items.Add(ReadNode(parser, errors, depth + 1));
                    }

                    return new YamlSequence(items, (int)start.Start.Line, (int)start.Start.Column);
                }

            case MappingStart start:
                {
                    parser.MoveNext();
                    var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyNode = ReadNode(parser, errors, depth + 1);
                        var value = ReadNode(parser, errors, depth + 1);
                        if (keyNode is YamlScalar key)
                        {
                            entries.Add(new(key, value));
                        }
                        else
                        {
                            errors.Add(new PolicyDiagnostic(true, "a mapping key must be a plain value", keyNode.Line, keyNode.Column, string.Empty));
                        }
                    }

                    return new YamlMapping(entries, (int)start.Start.Line, (int)start.Start.Column);
                }

            default:
                throw new YamlException(current.Start, current.End, $"unexpected YAML event {current.GetType().Name}");
        }
    }

    private static PolicyDiagnostic Error(string message, Mark mark) =>
        new(true, message, (int)mark.Line, (int)mark.Column, string.Empty);
}
