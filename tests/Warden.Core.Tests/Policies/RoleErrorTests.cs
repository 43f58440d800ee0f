using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class RoleErrorTests
{
    [Fact]
    public void Two_role_cycle_is_reported_once_at_the_role_where_it_starts()
    {
        var error = SingleError("""
            roles:
              a:
                inherits: b
              b:
                inherits: a
            """);
        AssertAt(error, 2, 3, "role cycle: a -> b -> a", "roles.a.inherits");
    }

    [Fact]
    public void Self_inheritance_is_a_cycle()
    {
        var error = SingleError("""
            roles:
              me:
                inherits: [READER, me]
            """);
        AssertAt(error, 2, 3, "role cycle: me -> me", "roles.me.inherits");
    }

    [Fact]
    public void Duplicate_role_is_reported_at_the_second_definition()
    {
        var error = SingleError("""
            roles:
              ops:
                inherits: READER
              ops:
                inherits: WORKER
            """);
        AssertAt(error, 4, 3, "duplicate role 'ops' (first at line 2)", "roles.ops");
    }

    [Fact]
    public void Redefining_a_built_in_role_is_a_duplicate()
    {
        var error = SingleError("""
            roles:
              READER:
                capabilities: [documents.read]
            """);
        AssertAt(error, 2, 3, "duplicate role 'READER': it is built in", "roles.READER");
    }

    [Fact]
    public void Unknown_parent_role_is_reported_at_the_parent()
    {
        var error = SingleError("""
            roles:
              ops:
                inherits: [READER, BOSS]
            """);
        AssertAt(error, 3, 24, "unknown role 'BOSS'", "roles.ops.inherits");
    }

    [Fact]
    public void Unknown_default_role_is_reported_at_the_value()
    {
        var error = SingleError("""
            mode: enforce
            default_role: BOSS
            """);
        AssertAt(error, 2, 15, "unknown role 'BOSS'", "default_role");
    }

    [Fact]
    public void Invalid_role_name_is_reported()
    {
        var error = SingleError("""
            roles:
              9lives:
                inherits: READER
            """);
        AssertAt(error, 2, 3, "'9lives' is not a valid role name", "roles.9lives");
    }
}
