using Warden.Policies;

namespace Warden.Tests.Policies;

public sealed class BuiltInRolesTests
{
    [Fact]
    public void Reader_has_exactly_read_email_and_calendar() =>
        Assert.Equal(
            new[] { "calendar.access", "documents.read", "email.access" },
            BuiltInRoles.Reader.Capabilities.Order(StringComparer.Ordinal));

    [Fact]
    public void Worker_is_reader_plus_write_and_browse() =>
        Assert.Equal(
            new[] { "calendar.access", "documents.read", "documents.write", "email.access", "internet.browse" },
            BuiltInRoles.Worker.Capabilities.Order(StringComparer.Ordinal));

    [Fact]
    public void Admin_is_worker_plus_delete() =>
        Assert.Equal(
            new[] { "calendar.access", "documents.delete", "documents.read", "documents.write", "email.access", "internet.browse" },
            BuiltInRoles.Admin.Capabilities.Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("READER")]
    [InlineData("WORKER")]
    [InlineData("ADMIN")]
    public void No_built_in_role_may_purchase_or_modify_the_system(string name)
    {
        var role = BuiltInRoles.All[name];
        Assert.True(role.IsBuiltIn);
        Assert.False(role.Grants(Capabilities.PurchasesMake));
        Assert.False(role.Grants(Capabilities.SystemModify));
    }

    [Fact]
    public void There_are_exactly_three_built_in_roles() =>
        Assert.Equal(new[] { "ADMIN", "READER", "WORKER" }, BuiltInRoles.All.Keys.Order(StringComparer.Ordinal));
}
