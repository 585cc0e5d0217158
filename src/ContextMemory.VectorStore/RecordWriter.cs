using System.Linq.Expressions;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Filters;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore;

/// <summary>
/// Writes records of a collection: upserts (validated and embedded first, then one transaction) and deletes by key or
/// by filter. Each write commits to SQLite, then applies to the in-memory indexes (<see cref="CollectionState.WriteAsync"/>);
/// the row-level statements are <see cref="RowWriter"/>'s and <see cref="VectorWriter"/>'s.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>Thread-safe; writes to one collection are serialised by its state.</remarks>
internal sealed class RecordWriter<TKey, TRecord>
    where TKey : notnull
    where TRecord : class
{
    private readonly CollectionContext _context;

    public RecordWriter(CollectionContext context) => _context = context;

    private RecordModel Model => _context.Model;

    /// <summary>Inserts or replaces the batch in one transaction; generated keys are written back afterwards.</summary>
    public async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var batch = records.ToList();
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i] is null)
            {
                throw new ArgumentException(VectorStoreErrors.NullRecordInBatch(i), nameof(records));
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            DataChecks.Validate(Model, batch[i], _context.FloatingPointData, i);
        }

        var keys = batch.Select(ReadKeyForWrite).ToArray();
        // Bound before embedding: an upsert whose collection is deleted and created again while the generator runs fails
        // as a missing collection instead of writing into the new one.
        var bound = await _context.BindAsync("Upsert", cancellationToken).ConfigureAwait(false);
        var vectors = await ResolveVectorsAsync(batch, cancellationToken).ConfigureAwait(false);
        var generated = await _context.RunAsync("Upsert", bound, () => bound.State.WriteAsync(
            (connection, transaction, changes) => WriteRecords(connection, transaction, changes, bound.Binding, batch, keys, vectors),
            cancellationToken)).ConfigureAwait(false);

        foreach (var (index, key) in generated)
        {
            Model.SetValue(Model.Key, batch[index], key);
        }
    }

    /// <summary>Deletes the records of <paramref name="keys"/> in one transaction; missing keys are skipped.</summary>
    public Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = keys.ToList();
        foreach (var key in list)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
        }

        if (list.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _context.RunAsync("Delete", async (state, binding) =>
        {
            var storedKeys = list.Select(k => binding.KeyToStorage(k)).ToList();
            await state.WriteAsync((connection, transaction, changes) =>
            {
                var select = connection.Command(binding.Sql.SelectRidByKey, transaction);
                foreach (var storedKey in storedKeys)
                {
                    PooledConnection.Bind(select, "$k", storedKey);
                    if (select.ExecuteScalar() is long rid)
                    {
                        RowWriter.DeleteRecord(connection, transaction, binding.Sql, changes, rid);
                    }
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Deletes every record matching <paramref name="filter"/> in one transaction; returns how many.</summary>
    public Task<int> DeleteAsync(Expression<Func<TRecord, bool>> filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return _context.RunAsync("Delete", async (state, binding) =>
        {
            var where = SqlFilterTranslator.Translate(filter, Model, binding.ColumnOf);
            return await state.WriteAsync((connection, transaction, changes) =>
            {
                var select = connection.Command(binding.Sql.SelectRidsMatching(where), transaction);
                where.BindTo(select);
                var rids = new List<long>();
                using (var reader = select.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        rids.Add(reader.GetInt64(0));
                    }
                }

                foreach (var rid in rids)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    RowWriter.DeleteRecord(connection, transaction, binding.Sql, changes, rid);
                }

                return rids.Count;
            }, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    private static bool IsDefaultKey(object key) => key switch
    {
        Guid g => g == Guid.Empty,
        long l => l == 0,
        int i => i == 0,
        string s => s.Length == 0,
        _ => false,
    };

    /// <summary>The record's key, or null when it is the default of an auto-generated key.</summary>
    private object? ReadKeyForWrite(TRecord record)
    {
        var keyProperty = Model.Key;
        var key = Model.GetValue(keyProperty, record);
        if (key is null || IsDefaultKey(key))
        {
            if (keyProperty.IsAutoGenerated && (key is not null || keyProperty.Type != typeof(string)))
            {
                return null;
            }

            throw new ArgumentException(VectorStoreErrors.MissingKey(keyProperty.ModelName), nameof(record));
        }

        return key;
    }

    /// <summary>
    /// The vector of every record for every vector property of the model (null where a record has none), embedding
    /// the properties that need it in one call per property, and validating each vector.
    /// </summary>
    private async Task<ReadOnlyMemory<float>?[][]> ResolveVectorsAsync(List<TRecord> batch, CancellationToken cancellationToken)
    {
        var result = new ReadOnlyMemory<float>?[Model.Vectors.Count][];
        for (var p = 0; p < result.Length; p++)
        {
            var property = Model.Vectors[p];
            var vectors = result[p] = await VectorInputs.ForBatchAsync(Model, property, batch, cancellationToken).ConfigureAwait(false);
            var metric = IndexPlan.MetricOf(property.DistanceFunction ?? FaissModelBuilder.DefaultDistanceFunction);
            for (var i = 0; i < batch.Count; i++)
            {
                if (vectors[i] is { } vector)
                {
                    VectorChecks.Validate(vector.Span, property.Dimensions, metric, property.ModelName, i);
                }
            }
        }

        return result;
    }

    /// <summary>Writes the batch inside the open transaction; returns the keys generated (record index, key).</summary>
    private List<(int Index, object Key)> WriteRecords(
        PooledConnection connection, SqliteTransaction transaction, WriteBatch changes, RecordBinding binding,
        List<TRecord> batch, object?[] keys, ReadOnlyMemory<float>?[][] vectors)
    {
        var generated = new List<(int, object)>();
        var upsert = connection.Command(binding.UpsertSql, transaction);
        var parameters = binding.UpsertParameters(upsert);
        var sql = binding.Sql;
        var writers = new VectorWriter[vectors.Length];
        for (var p = 0; p < writers.Length; p++)
        {
            writers[p] = new VectorWriter(connection, transaction, sql, changes, binding.IndexSlotOf(Model.Vectors[p]));
        }

        // Rids grow and are never reused: a rid above every rid seen so far is a row this upsert inserted, which has no
        // vector or full-text entry to compare or remove yet.
        var newestRid = (long)connection.Command(sql.SelectRecordSeq, transaction).ExecuteScalar()!;
        for (var i = 0; i < batch.Count; i++)
        {
            var key = keys[i];
            if (key is null)
            {
                key = GenerateKey(connection, transaction, sql);
                generated.Add((i, key));
            }

            binding.BindUpsert(parameters, batch[i], key);
            var rid = (long)upsert.ExecuteScalar()!;
            var isNew = rid > newestRid;
            newestRid = Math.Max(newestRid, rid);
            if (sql.HasFullText)
            {
                RowWriter.ReindexFullText(connection, transaction, sql, rid, isNew);
            }

            for (var p = 0; p < writers.Length; p++)
            {
                writers[p].Replace(rid, vectors[p][i], isNew);
            }
        }

        return generated;
    }

    private object GenerateKey(PooledConnection connection, SqliteTransaction transaction, CollectionSql sql)
    {
        var keyType = Model.Key.Type;
        if (keyType == typeof(Guid))
        {
            return Guid.CreateVersion7();
        }

        var next = (long)connection.Command(sql.NextGeneratedKey, transaction).ExecuteScalar()!;
        // Boxed per branch: a conditional of int and long would widen the int back to a long key.
        return keyType == typeof(int) ? checked((int)next) : (object)next;
    }
}
