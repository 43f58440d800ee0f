using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class DuplicateNameTests
{
    [Fact]
    public void Duplicate_tool_is_reported_at_the_second_key()
    {
        var error = SingleError("""
            tools:
              t:
                capability: documents.read
              t:
                capability: documents.write
            """);
        AssertAt(error, 4, 3, "duplicate tool 't' (first at line 2)", "tools.t");
    }

    [Fact]
    public void Duplicate_field_in_a_tool_is_reported()
    {
        var error = SingleError("""
            tools:
              t:
                capability: documents.read
                timeout: 1s
                timeout: 2s
            """);
        AssertAt(error, 5, 5, "duplicate key 'timeout' (first at line 4)", "tools.t.timeout");
    }

    [Fact]
    public void Duplicate_top_level_section_is_reported()
    {
        var error = SingleError("""
            mode: enforce
            mode: shadow
            """);
        AssertAt(error, 2, 1, "duplicate key 'mode' (first at line 1)", "mode");
    }

    [Fact]
    public void Redeclaring_a_built_in_capability_is_reported()
    {
        var error = SingleError("""
            capabilities: [documents.read]
            """);
        AssertAt(error, 1, 16, "duplicate capability 'documents.read': it is built in", "capabilities");
    }
}
