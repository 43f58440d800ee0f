using FsCheck.Fluent;

namespace Warden.Tests.Support;

/// <summary>The property tests are only as good as their generator: it must produce both cases.</summary>
public sealed class JsonTreeGenTests
{
    [Fact]
    public void Generated_trees_sometimes_hold_forbidden_keys_deep_down_and_sometimes_none()
    {
        var names = Gen.Frequency((1, Gen.Elements(JsonTreeGen.ForbiddenKeys)), (4, Gen.Elements(JsonTreeGen.BenignKeys)));
        var trees = Gen.Sample(JsonTreeGen.Tree(names, 30, objectRoot: true), 30, 300);

        var forbidden = trees.Select(t => t.Names().Where(n => JsonTreeGen.ForbiddenKeys.Contains(n.Name)).ToList()).ToList();
        Assert.Contains(forbidden, f => f.Count == 0);
        Assert.Contains(forbidden, f => f.Any(n => n.Depth >= 3));
        Assert.Contains(trees, t => t.ToJson().Contains("\\u", StringComparison.Ordinal));
        Assert.Contains(trees, t => t.ToJson().Contains('['));
    }
}
