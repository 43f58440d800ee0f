namespace Warden.Storage.Sqlite;

/// <summary>Key files: created whole, readable and writable by their owner only, never overwritten.</summary>
internal static class OwnerOnlyFile
{
    /// <summary>
    /// Creates <paramref name="path"/> holding <paramref name="bytes"/>, mode 0600, atomically: written
    /// and flushed under a temporary name, then linked into place without overwriting, so that no
    /// reader ever sees a partial key. False when the file already exists (another process made it first).
    /// </summary>
    public static bool TryCreate(string path, ReadOnlySpan<byte> bytes)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    /// <summary>The bytes of the key file <paramref name="path"/>, or a clear error naming it.</summary>
    /// <exception cref="IOException">The file is missing or unreadable.</exception>
    public static byte[] Read(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot read the {what} '{path}': {e.Message}", e);
        }
    }
}
