using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class SchemaErrorTests
{
    [Fact]
    public void Type_that_is_a_number_is_an_invalid_schema()
    {
        var error = SingleError("""
            tools:
              t:
                capability: documents.read
                arguments:
                  type: 5
            """);
        AssertAt(error, 5, 7, "invalid JSON Schema", "tools.t.arguments");
    }

    [Fact]
    public void Required_that_is_not_a_list_is_an_invalid_schema()
    {
        var error = SingleError("""
            tools:
              t:
                capability: documents.read
                arguments:
                  type: object
                  required: to
            """);
        AssertAt(error, 5, 7, "invalid JSON Schema", "tools.t.arguments");
    }

    [Fact]
    public void Schema_that_is_not_a_mapping_is_reported()
    {
        var error = SingleError("""
            tools:
              t:
                capability: documents.read
                arguments: object
            """);
        AssertAt(error, 4, 16, "arguments must be a JSON Schema written as a mapping", "tools.t.arguments");
    }

    [Fact]
    public void Duplicate_key_inside_a_schema_is_reported()
    {
        var error = SingleError("""
            tools:
              t:
                capability: documents.read
                arguments:
                  type: object
                  type: string
            """);
        AssertAt(error, 6, 7, "duplicate key 'type' (first at line 5)", "tools.t.arguments.type");
    }
}
