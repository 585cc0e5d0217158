using System.Buffers.Binary;

namespace ContextMemory.Faiss;

/// <summary>
/// The search defaults of an index travel in front of the caller's user data inside the container, because
/// the bridge's defaults (efSearch, efConstruction, nprobe) are not part of the FAISS description. Layout:
/// magic "CMSP", version byte, then three little-endian int32 (efConstruction, efSearch, nprobe).
/// </summary>
internal static class SpecEnvelope
{
    public const int Size = 17;

    /// <summary>The container's limit on user data (1 MiB), less this envelope.</summary>
    public const int MaxUserData = (1 << 20) - Size;

    private const byte Version = 1;
    private static ReadOnlySpan<byte> Magic => "CMSP"u8;

    public static byte[] Wrap(IndexSpec spec, ReadOnlySpan<byte> userData)
    {
        var stored = new byte[Size + userData.Length];
        Magic.CopyTo(stored);
        stored[4] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(stored.AsSpan(5), spec.EfConstruction);
        BinaryPrimitives.WriteInt32LittleEndian(stored.AsSpan(9), spec.EfSearch);
        BinaryPrimitives.WriteInt32LittleEndian(stored.AsSpan(13), spec.NProbe);
        userData.CopyTo(stored.AsSpan(Size));
        return stored;
    }

    /// <summary>Splits stored bytes into the saved defaults (if present) and the caller's user data.</summary>
    public static ReadOnlyMemory<byte> Unwrap(byte[] stored, out (int EfConstruction, int EfSearch, int NProbe)? defaults)
    {
        if (stored.Length >= Size && stored.AsSpan(0, 4).SequenceEqual(Magic) && stored[4] == Version)
        {
            defaults = (
                BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(5)),
                BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(9)),
                BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(13)));
            return stored.AsMemory(Size);
        }

        // Written without the envelope (by another writer of the same container): all bytes are the caller's.
        defaults = null;
        return stored;
    }
}
