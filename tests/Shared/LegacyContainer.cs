using System.Buffers.Binary;
using System.Numerics;

namespace ContextMemory.Tests.Shared;

/// <summary>
/// Rewrites a container of the current format (version 2, 268-byte header carrying the search defaults) into
/// the format the bridge wrote before (version 1, 256-byte header), the way the binding of that time stored it:
/// with the search defaults in a 17-byte "CMSP" envelope in front of the caller's user data, or without one (as
/// any other writer of the same container did). Checksums are recomputed, so the result is a valid old file.
/// </summary>
/// <remarks>Old files written by the old code are checked in as fixtures too; this makes old files of any content.</remarks>
internal static class LegacyContainer
{
    public const int CurrentHeaderSize = 268;
    public const int LegacyHeaderSize = 256;
    public const int EnvelopeSize = 17;

    /// <summary>Returns the version-1 equivalent of <paramref name="current"/>.</summary>
    /// <param name="current">A version-2 container (a saved file's bytes, or <c>ToBytes</c> output).</param>
    /// <param name="withEnvelope">Whether to put the search defaults in front of the user data, as the old binding did.</param>
    /// <param name="envelopeDefaults">Values to put in the envelope instead of the header's (to make hostile files).</param>
    public static byte[] Downgrade(byte[] current, bool withEnvelope, (int EfConstruction, int EfSearch, int NProbe)? envelopeDefaults = null)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(current.AsSpan(8)) != 2)
        {
            throw new ArgumentException("not a version-2 container", nameof(current));
        }

        var userSize = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(current.AsSpan(40)));
        var user = current.AsSpan(CurrentHeaderSize, userSize);
        var payload = current.AsSpan(CurrentHeaderSize + userSize);
        var defaults = envelopeDefaults ?? (
            BinaryPrimitives.ReadInt32LittleEndian(current.AsSpan(248)),
            BinaryPrimitives.ReadInt32LittleEndian(current.AsSpan(252)),
            BinaryPrimitives.ReadInt32LittleEndian(current.AsSpan(256)));

        var stored = new byte[(withEnvelope ? EnvelopeSize : 0) + userSize];
        if (withEnvelope)
        {
            "CMSP"u8.CopyTo(stored);
            stored[4] = 1;
            BinaryPrimitives.WriteInt32LittleEndian(stored.AsSpan(5), defaults.EfConstruction);
            BinaryPrimitives.WriteInt32LittleEndian(stored.AsSpan(9), defaults.EfSearch);
            BinaryPrimitives.WriteInt32LittleEndian(stored.AsSpan(13), defaults.NProbe);
        }

        user.CopyTo(stored.AsSpan(stored.Length - userSize));
        var legacy = new byte[LegacyHeaderSize + stored.Length + payload.Length];
        current.AsSpan(0, 248).CopyTo(legacy);
        BinaryPrimitives.WriteUInt32LittleEndian(legacy.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(legacy.AsSpan(12), LegacyHeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(legacy.AsSpan(28), Crc32C(stored));
        BinaryPrimitives.WriteUInt64LittleEndian(legacy.AsSpan(40), (ulong)stored.Length);
        stored.CopyTo(legacy.AsSpan(LegacyHeaderSize));
        payload.CopyTo(legacy.AsSpan(LegacyHeaderSize + stored.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(legacy.AsSpan(248), Crc32C(legacy.AsSpan(0, 248)));
        BinaryPrimitives.WriteUInt32LittleEndian(legacy.AsSpan(252), Crc32C(legacy.AsSpan(LegacyHeaderSize)));
        return legacy;
    }

    /// <summary>CRC32C (Castagnoli) as the container uses it: initial value and final XOR all ones.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
