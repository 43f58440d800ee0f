using System.Buffers;
using System.Text;

namespace Warden.Sandbox;

/// <summary>
/// Reads a stream to its end, keeping the first <c>cap</c> bytes and counting (but dropping) the rest,
/// so that a command that writes without end never makes Warden buffer without bound.
/// </summary>
internal sealed class OutputCollector(long cap)
{
    private readonly ArrayBufferWriter<byte> _kept = new();

    /// <summary>Bytes read past the cap and dropped.</summary>
    public long Dropped { get; private set; }

    /// <summary>Reads <paramref name="stream"/> until it ends or <paramref name="cancellationToken"/> fires.</summary>
    public async Task ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var room = (int)Math.Max(0, Math.Min(read, cap - _kept.WrittenCount));
                if (room > 0)
                {
                    _kept.Write(buffer.AsSpan(0, room));
                }

                Dropped += read - room;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The process was killed or the pipe closed: what was read stays.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>What was kept, as UTF-8 text, with a marker when bytes were dropped.</summary>
    public string Text()
    {
        var kept = _kept.WrittenSpan;
        if (Dropped > 0)
        {
            // The cap may cut a character in two: leave out its first bytes rather than show U+FFFD.
            var start = kept.Length - 1;
            while (start >= 0 && start >= kept.Length - 4 && (kept[start] & 0xC0) == 0x80)
            {
                start--;
            }

            if (start >= 0 && kept[start] >= 0xC0 && kept.Length - start < (kept[start] >= 0xF0 ? 4 : kept[start] >= 0xE0 ? 3 : 2))
            {
                kept = kept[..start];
            }
        }

        var text = Encoding.UTF8.GetString(kept);
        return Dropped == 0 ? text : $"{text}\n[warden: output truncated at {cap:N0} bytes; {Dropped:N0} more bytes dropped]";
    }
}
