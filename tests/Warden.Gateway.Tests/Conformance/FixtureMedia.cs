namespace Warden.Gateway.Tests.Conformance;

/// <summary>The smallest media the conformance fixture answers with.</summary>
internal static class FixtureMedia
{
    /// <summary>A 1x1 red PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    /// <summary>A WAV file: 8 kHz, 8-bit mono, 100 samples of silence.</summary>
    public static byte[] Wav { get; } = MakeWav(100);

    private static byte[] MakeWav(int samples)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples);
        writer.Write("WAVEfmt "u8);
        writer.Write(16); // format chunk size
        writer.Write((short)1); // PCM
        writer.Write((short)1); // mono
        writer.Write(8000); // sample rate
        writer.Write(8000); // bytes per second
        writer.Write((short)1); // block align
        writer.Write((short)8); // bits per sample
        writer.Write("data"u8);
        writer.Write(samples);
        writer.Write(Enumerable.Repeat((byte)128, samples).ToArray());
        writer.Flush();
        return stream.ToArray();
    }
}
