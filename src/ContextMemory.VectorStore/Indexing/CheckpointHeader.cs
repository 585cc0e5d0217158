using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// What a checkpoint file says about itself, stored in the bridge container's user data (which the
/// container checksums): which collection and vector property it belongs to, the schema it was built
/// for, the index position it reflects, the deleted ids still inside the FAISS index, and the ids of damaged rows it
/// was built without.
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

    /// <summary>Vids of stored vectors the index was built without because their rows are damaged, ascending.</summary>
    [JsonIgnore]
    public IReadOnlyList<long> Damaged { get; init; } = [];

    /// <summary>
    /// Serialises to: magic, JSON length, JSON, the tombstones, the damaged vids (each list a count and varint deltas).
    /// Headers written before damaged vids were recorded end after the tombstones; they are read as having none.
    /// </summary>
    public byte[] ToBytes()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this, CheckpointHeaderJsonContext.Default.CheckpointHeader);
        var buffer = new byte[4 + 4 + json.Length + 4 + (Tombstones.Count * 10) + 4 + (Damaged.Count * 10)];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(4), json.Length);
        json.CopyTo(buffer.AsSpan(8));
        var position = 8 + json.Length;
        position += WriteIds(buffer.AsSpan(position), Tombstones);
        position += WriteIds(buffer.AsSpan(position), Damaged);
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
            var tombstones = ReadIds(ref rest);
            var damaged = rest.IsEmpty ? [] : ReadIds(ref rest);
            return tombstones is not null && damaged is not null && rest.IsEmpty
                ? header with { Tombstones = tombstones, Damaged = damaged }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes a count and the ascending ids as varint deltas; returns the bytes written.</summary>
    private static int WriteIds(Span<byte> destination, IReadOnlyList<long> ids)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, ids.Count);
        var position = 4;
        var previous = 0L;
        foreach (var vid in ids)
        {
            position += WriteVarint(destination[position..], (ulong)(vid - previous));
            previous = vid;
        }

        return position;
    }

    /// <summary>Reads a list written by <see cref="WriteIds"/> off the front of <paramref name="source"/>; null when malformed.</summary>
    private static long[]? ReadIds(ref ReadOnlySpan<byte> source)
    {
        if (source.Length < 4)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(source);
        source = source[4..];
        if (count < 0 || count > source.Length)
        {
            return null;
        }

        var ids = new long[count];
        var previous = 0L;
        for (var i = 0; i < count; i++)
        {
            var read = ReadVarint(source, out var delta);
            if (read == 0 || (i > 0 && delta == 0))
            {
                return null;
            }

            previous += (long)delta;
            ids[i] = previous;
            source = source[read..];
        }

        return ids;
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
