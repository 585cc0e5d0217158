using System.Linq.Expressions;
using ContextMemory.VectorStore.Filters;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore;

/// <content>Deleting records by key and by filter.</content>
public partial class FaissCollection<TKey, TRecord>
{
    /// <inheritdoc />
    /// <remarks>A missing key is not an error. The record's row, vectors and full-text entry are deleted in the database at
    /// once; its vectors leave the in-memory indexes immediately (tombstoned, then purged). Use
    /// <see cref="CompactAsync"/> to erase every trace from the files.</remarks>
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return DeleteAsync([key], cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>All keys are deleted in one transaction; missing keys are skipped.</remarks>
    public override Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
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

        return RunAsync("Delete", async () =>
        {
            var (state, binding) = await RequireAsync(cancellationToken).ConfigureAwait(false);
            var storedKeys = list.Select(k => binding.KeyToStorage(k)).ToList();
            await state.WriteAsync((connection, transaction, changes) =>
            {
                var select = connection.Command(binding.Sql.SelectRidByKey, transaction);
                foreach (var storedKey in storedKeys)
                {
                    PooledConnection.Bind(select, "$k", storedKey);
                    if (select.ExecuteScalar() is long rid)
                    {
                        RecordWriter.DeleteRecord(connection, transaction, binding.Sql, changes, rid);
                    }
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>Deletes every record that matches <paramref name="filter"/>, in one transaction.</summary>
    /// <param name="filter">A filter over the key and data properties (the constructs <see cref="SearchAsync{TInput}"/> accepts).</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    /// <returns>The number of records deleted.</returns>
    /// <exception cref="NotSupportedException">The filter uses a construct that cannot be translated.</exception>
    public Task<int> DeleteAsync(Expression<Func<TRecord, bool>> filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return RunAsync("Delete", async () =>
        {
            var (state, binding) = await RequireAsync(cancellationToken).ConfigureAwait(false);
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
                    RecordWriter.DeleteRecord(connection, transaction, binding.Sql, changes, rid);
                }

                return rids.Count;
            }, cancellationToken).ConfigureAwait(false);
        });
    }
}
