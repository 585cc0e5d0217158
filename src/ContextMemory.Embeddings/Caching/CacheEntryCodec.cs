using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ContextMemory.Embeddings.Caching;

/// <summary>
/// Cache keys and stored vectors. A key is the SHA-256 of (provider, model id, dimensions, input kind, text), so the
/// file holds no text; a vector is stored as little-endian float32 with a checksum over key and bytes, so a damaged
/// or misplaced row is detected instead of returned.
/// </summary>
internal static class CacheEntryCodec
{
    private const int ChecksumLength = 16;

    public static byte[] Key(string provider, string model, int dimensions, string kind, string text)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in (ReadOnlySpan<string>)[provider, model, kind, text])
        {
            AppendLengthPrefixed(hash, part);
        }

        Span<byte> number = stackalloc byte[sizeof(int)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(number, dimensions);
        hash.AppendData(number);
        return hash.GetHashAndReset();
    }

    public static byte[] Encode(ReadOnlySpan<float> vector)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException();
        }

        return MemoryMarshal.AsBytes(vector).ToArray();
    }

    public static byte[] Checksum(ReadOnlySpan<byte> key, ReadOnlySpan<byte> vector)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(key);
        hash.AppendData(vector);
        return hash.GetHashAndReset()[..ChecksumLength];
    }

    /// <summary>The stored vector, or <see langword="null"/> when its length or checksum is wrong.</summary>
    public static float[]? Decode(ReadOnlySpan<byte> key, long storedDimensions, ReadOnlySpan<byte> vector, ReadOnlySpan<byte> checksum, int dimensions)
    {
        if (storedDimensions != dimensions || vector.Length != dimensions * sizeof(float) || !checksum.SequenceEqual(Checksum(key, vector)))
        {
            return null;
        }

        var values = MemoryMarshal.Cast<byte, float>(vector).ToArray();
        return values.All(float.IsFinite) ? values : null;
    }

    private static void AppendLengthPrefixed(IncrementalHash hash, string part)
    {
        // UTF-16 as it is: a lossy UTF-8 conversion would give texts that differ only in unpaired surrogates one key.
        var bytes = MemoryMarshal.AsBytes(part.AsSpan());
        Span<byte> length = stackalloc byte[sizeof(int)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
