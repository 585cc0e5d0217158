using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// What a checkpoint file says about itself, stored in the bridge container's user data (which the
/// container checksums): which collection and vector property it belongs to, the schema it was built
/// for, the index position it reflects, and the deleted ids still inside the FAISS index.
/// </summary>
internal sealed record CheckpointHeader(
    int Format,
    long CollectionId,
    string CollectionUid,
    int VectorOrdinal,
    string VectorName,
    int Dimensions,
    string DistanceFunction,
    string IndexKind,
    string Spec,
    long TrainedAt,
    long AppliedVid,
    long AppliedRemovalSeq)
{
    public const int CurrentFormat = 1;
    private const uint Magic = 0x48534D43; // "CMSH"

    /// <summary>Deleted vids still present in the FAISS index (indexes that cannot remove), ascending.</summary>
    [JsonIgnore]
    public IReadOnlyList<long> Tombstones { get; init; } = [];

    /// <summary>Serialises to: magic, JSON length, JSON, tombstone count, tombstones as varint deltas.</summary>
    public byte[] ToBytes()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this, CheckpointHeaderJsonContext.Default.CheckpointHeader);
        var buffer = new byte[4 + 4 + json.Length + 4 + (Tombstones.Count * 10)];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(4), json.Length);
        json.CopyTo(buffer.AsSpan(8));
        var position = 8 + json.Length;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(position), Tombstones.Count);
        position += 4;
        var previous = 0L;
        foreach (var vid in Tombstones)
        {
            position += WriteVarint(buffer.AsSpan(position), (ulong)(vid - previous));
            previous = vid;
        }

        return buffer[..position];
    }

    /// <summary>Parses a header; null when the bytes are not a header of this format.</summary>
    public static CheckpointHeader? TryParse(ReadOnlySpan<byte> data)
    {
        try
        {
            if (data.Length < 12 || BinaryPrimitives.ReadUInt32LittleEndian(data) != Magic)
            {
                return null;
            }

            var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
            if (jsonLength <= 0 || jsonLength > data.Length - 12)
            {
                return null;
            }

            var header = JsonSerializer.Deserialize(data.Slice(8, jsonLength), CheckpointHeaderJsonContext.Default.CheckpointHeader);
            if (header is null || header.Format != CurrentFormat)
            {
                return null;
            }

            var rest = data[(8 + jsonLength)..];
            var count = BinaryPrimitives.ReadInt32LittleEndian(rest);
            if (count < 0 || count > rest.Length)
            {
                return null;
            }

            rest = rest[4..];
            var tombstones = new long[count];
            var previous = 0L;
            for (var i = 0; i < count; i++)
            {
                var read = ReadVarint(rest, out var delta);
                if (read == 0 || (i > 0 && delta == 0))
                {
                    return null;
                }

                previous += (long)delta;
                tombstones[i] = previous;
                rest = rest[read..];
            }

            return rest.IsEmpty ? header with { Tombstones = tombstones } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int WriteVarint(Span<byte> destination, ulong value)
    {
        var written = 0;
        while (value >= 0x80)
        {
            destination[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[written++] = (byte)value;
        return written;
    }

    private static int ReadVarint(ReadOnlySpan<byte> source, out ulong value)
    {
        value = 0;
        for (var i = 0; i < source.Length && i < 10; i++)
        {
            value |= (ulong)(source[i] & 0x7F) << (7 * i);
            if ((source[i] & 0x80) == 0)
            {
                return i + 1;
            }
        }

        return 0;
    }
}

[JsonSerializable(typeof(CheckpointHeader))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class CheckpointHeaderJsonContext : JsonSerializerContext;
