using Warden.Policies;

namespace Warden.Tests.Policies;

public sealed class ByteSizesTests
{
    [Theory]
    [InlineData("4096B", 4096L)]
    [InlineData("512KB", 512L * 1024)]
    [InlineData("256MB", 256L * 1024 * 1024)]
    [InlineData("1GB", 1L << 30)]
    [InlineData("2gib", 2L << 30)]
    [InlineData("3k", 3L * 1024)]
    [InlineData(" 1 MB ", 1L << 20)]
    [InlineData("0B", 0L)]
    public void Parses(string text, long bytes)
    {
        Assert.True(ByteSizes.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MB")]
    [InlineData("12")]
    [InlineData("12TB")]
    [InlineData("-1MB")]
    [InlineData("1.5GB")]
    [InlineData("9999999999999999999B")]
    [InlineData("9007199254740992GB")]
    public void Refuses(string text)
    {
        Assert.False(ByteSizes.TryParse(text, out var bytes));
        Assert.Equal(0, bytes);
    }
}
