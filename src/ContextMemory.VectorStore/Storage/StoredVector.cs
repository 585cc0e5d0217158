using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// A vector row's bytes and the checksum stored beside them. SQLite keeps no checksums of its own, so a byte changed on
/// disk would otherwise be indexed and returned as if it were the vector written: every vector row has a column
/// <c>c</c> with the 64-bit XxHash3 of its little-endian float32 bytes (as a signed INTEGER), written with the vector and
/// checked wherever vectors are read back.
/// </summary>
internal static class StoredVector
{
    /// <summary>The SQL function (registered on the connection that upgrades a store) computing <see cref="Checksum"/> of a BLOB.</summary>
    public const string ChecksumFunction = "cm_vector_checksum";

    /// <summary>The checksum of a vector's stored bytes.</summary>
    public static long Checksum(ReadOnlySpan<byte> bytes) => unchecked((long)XxHash3.HashToUInt64(bytes));

    /// <summary>Registers <see cref="ChecksumFunction"/> on <paramref name="connection"/> (NULL for a NULL BLOB).</summary>
    public static void RegisterChecksumFunction(SqliteConnection connection) =>
        connection.CreateFunction<byte[]?, long?>(ChecksumFunction, static bytes => bytes is null ? null : Checksum(bytes), isDeterministic: true);

    /// <summary>
    /// Copies the vector BLOB in column <paramref name="column"/> into <paramref name="destination"/> and checks it against
    /// the checksum in column <paramref name="column"/> + 1. False when the row is damaged: the BLOB has another length, or
    /// its bytes no longer match the checksum written with them (<paramref name="destination"/> is then undefined).
    /// </summary>
    public static bool TryRead(SqliteDataReader reader, int column, Span<float> destination)
    {
        var bytes = MemoryMarshal.AsBytes(destination);
        if (reader.GetBytes(column, 0, null, 0, 0) != bytes.Length || reader.IsDBNull(column + 1))
        {
            return false;
        }

        var scratch = ArrayPool<byte>.Shared.Rent(bytes.Length);
        try
        {
            var read = (int)reader.GetBytes(column, 0, scratch, 0, bytes.Length);
            var stored = scratch.AsSpan(0, read);
            if (read != bytes.Length || Checksum(stored) != reader.GetInt64(column + 1))
            {
                return false;
            }

            stored.CopyTo(bytes);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
