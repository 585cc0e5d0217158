namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>
/// Damages the stored vector of one record in a closed store's database, as a failing disk or another program would:
/// the bytes or the checksum beside them change, the rest of the row stays as it was.
/// </summary>
public static class VectorDamage
{
    /// <summary>Flips the low bit of byte <paramref name="byteIndex"/> of the vector(s) of record <paramref name="key"/>.</summary>
    public static void FlipByte(string databasePath, object key, int byteIndex) => Change(databasePath, key, (vector, checksum) =>
    {
        var damaged = (byte[])vector.Clone();
        damaged[byteIndex] ^= 1;
        return (damaged, checksum);
    });

    /// <summary>Changes the checksum stored beside the vector(s) of record <paramref name="key"/>, leaving the bytes intact.</summary>
    public static void ChangeChecksum(string databasePath, object key) =>
        Change(databasePath, key, (vector, checksum) => (vector, unchecked(checksum + 1)));

    /// <summary>Cuts the vector(s) of record <paramref name="key"/> to their first <paramref name="bytes"/> bytes.</summary>
    public static void Truncate(string databasePath, object key, int bytes) =>
        Change(databasePath, key, (vector, checksum) => (vector[..bytes], checksum));

    private static void Change(string databasePath, object key, Func<byte[], long, (byte[] Vector, long Checksum)> damage)
    {
        using var connection = RawDatabase.Open(databasePath);
        var records = Assert.Single(RawDatabase.Query(databasePath, "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'c[0-9]*_records';"));
        var rid = RawDatabase.Scalar(databasePath, $"SELECT rid FROM {records} WHERE k = $p0;", key)
            ?? throw new InvalidOperationException($"No record {key} in {databasePath}.");
        var changed = 0;
        foreach (var vectorTable in RawDatabase.Query(databasePath, "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'c[0-9]*_v[0-9]*';"))
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT v, c FROM {vectorTable} WHERE rid = $rid;";
            select.Parameters.AddWithValue("$rid", rid);
            byte[] vector;
            long checksum;
            using (var reader = select.ExecuteReader())
            {
                if (!reader.Read())
                {
                    continue;
                }

                vector = (byte[])reader.GetValue(0);
                checksum = reader.GetInt64(1);
            }

            var (damagedVector, damagedChecksum) = damage(vector, checksum);
            using var update = connection.CreateCommand();
            update.CommandText = $"UPDATE {vectorTable} SET v = $v, c = $c WHERE rid = $rid;";
            update.Parameters.AddWithValue("$v", damagedVector);
            update.Parameters.AddWithValue("$c", damagedChecksum);
            update.Parameters.AddWithValue("$rid", rid);
            changed += update.ExecuteNonQuery();
        }

        Assert.True(changed > 0, $"record {key} has no stored vector to damage");
    }
}
