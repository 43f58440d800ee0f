using Warden.Auditing;

namespace Warden.Tests.Auditing;

public sealed class SensitiveFieldNamesTests
{
    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("Password")]
    [InlineData("passwd")]
    [InlineData("pwd")]
    [InlineData("user_password")]
    [InlineData("token")]
    [InlineData("access_token")]
    [InlineData("X-Auth-Token")]
    [InlineData("secret")]
    [InlineData("client_secret")]
    [InlineData("key")]
    [InlineData("KEY")]
    [InlineData("api_key")]
    [InlineData("apiKey")]
    [InlineData("API-KEY")]
    [InlineData("ssh_keys")]
    [InlineData("Authorization")]
    [InlineData("cookie")]
    [InlineData("privateKey")]
    [InlineData("credentials")]
    public void Sensitive_names(string name) => Assert.True(SensitiveFieldNames.IsSensitive(name));

    [Theory]
    [InlineData("")]
    [InlineData("path")]
    [InlineData("user")]
    [InlineData("name")]
    [InlineData("keyboard")]
    [InlineData("body")]
    [InlineData("count")]
    public void Ordinary_names(string name) => Assert.False(SensitiveFieldNames.IsSensitive(name));

    [Fact]
    public void Very_long_names_are_judged_too() =>
        Assert.True(SensitiveFieldNames.IsSensitive(new string('a', 1000) + "_token"));
}
