namespace Warden.Sandbox.Tests.Support;

/// <summary>A temporary folder, removed with its contents when disposed.</summary>
internal sealed class TestFolder(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public static implicit operator string(TestFolder folder) => folder.Path;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
