using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using ContextMemory.VectorStore.Filters;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore;

/// <content>Reading records by key and by filter.</content>
public partial class FaissCollection<TKey, TRecord>
{
    private const int KeysPerQuery = 256;

    /// <inheritdoc />
    /// <returns>The record, or null when no record has <paramref name="key"/>.</returns>
    public override Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var includeVectors = options?.IncludeVectors ?? false;
        Model.ValidateIncludeVectors(includeVectors);
        return RunAsync("Get", async () =>
        {
            var (_, binding) = await RequireAsync(cancellationToken).ConfigureAwait(false);
            var storedKey = binding.KeyToStorage(key);
            cancellationToken.ThrowIfCancellationRequested();
            using var lease = _store.Database.Pool.Rent();
            var command = lease.Connection.Command(binding.Sql.SelectByKey(binding.Columns, includeVectors));
            PooledConnection.Bind(command, "$k", storedKey);
            using var reader = command.ExecuteReader();
            return reader.Read() ? binding.ReadRecord<TRecord>(reader, 0, includeVectors) : null;
        });
    }

    /// <inheritdoc />
    /// <remarks>Returns the records found, in the order of <paramref name="keys"/>; missing keys are skipped and a key
    /// given twice is returned once.</remarks>
    public override async IAsyncEnumerable<TRecord> GetAsync(
        IEnumerable<TKey> keys, RecordRetrievalOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var includeVectors = options?.IncludeVectors ?? false;
        Model.ValidateIncludeVectors(includeVectors);
        var distinct = new List<TKey>();
        var seen = new HashSet<TKey>();
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            if (seen.Add(key))
            {
                distinct.Add(key);
            }
        }

        for (var start = 0; start < distinct.Count; start += KeysPerQuery)
        {
            var chunk = distinct.GetRange(start, Math.Min(KeysPerQuery, distinct.Count - start));
            var found = await RunAsync("Get", async () =>
            {
                var (_, binding) = await RequireAsync(cancellationToken).ConfigureAwait(false);
                return ReadByKeys(binding, chunk, includeVectors, cancellationToken);
            }).ConfigureAwait(false);
            foreach (var record in found)
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The filter is translated to SQL (see <see cref="SearchAsync{TInput}"/> for what it may contain); records
    /// come in storage order unless <see cref="FilteredRecordRetrievalOptions{TRecord}.OrderBy"/> is set.</remarks>
    public override async IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<TRecord>();
        Model.ValidateIncludeVectors(options.IncludeVectors);
        var records = await RunAsync("Get", async () =>
        {
            var (_, binding) = await RequireAsync(cancellationToken).ConfigureAwait(false);
            var where = SqlFilterTranslator.Translate(filter, Model, binding.ColumnOf);
            var sql = binding.Sql.SelectMatching(binding.Columns, options.IncludeVectors, where, OrderBy(binding, options));
            cancellationToken.ThrowIfCancellationRequested();
            using var lease = _store.Database.Pool.Rent();
            var command = lease.Connection.Command(sql);
            where.BindTo(command);
            PooledConnection.Bind(command, "$top", top);
            PooledConnection.Bind(command, "$skip", options.Skip);
            return ReadAll(binding, command, options.IncludeVectors);
        }).ConfigureAwait(false);
        foreach (var record in records)
        {
            yield return record;
        }
    }

    private List<TRecord> ReadByKeys(RecordBinding binding, List<TKey> keys, bool includeVectors, CancellationToken cancellationToken)
    {
        var storedKeys = keys.Select(k => binding.KeyToStorage(k)).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = _store.Database.Pool.Rent();
        var command = lease.Connection.Command(binding.Sql.SelectByKeys(binding.Columns, includeVectors, storedKeys.Count));
        for (var i = 0; i < storedKeys.Count; i++)
        {
            PooledConnection.Bind(command, CollectionSql.ListParameter("k", i), storedKeys[i]);
        }

        var byKey = new Dictionary<TKey, TRecord>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var record = binding.ReadRecord<TRecord>(reader, 0, includeVectors);
                byKey[(TKey)Model.GetValue(Model.Key, record)!] = record;
            }
        }

        return [.. keys.Where(byKey.ContainsKey).Select(k => byKey[k])];
    }

    private static List<TRecord> ReadAll(RecordBinding binding, Microsoft.Data.Sqlite.SqliteCommand command, bool includeVectors)
    {
        var records = new List<TRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add(binding.ReadRecord<TRecord>(reader, 0, includeVectors));
        }

        return records;
    }

    /// <summary>The sort columns of <see cref="FilteredRecordRetrievalOptions{TRecord}.OrderBy"/>, in order.</summary>
    private List<(string Operand, bool Ascending)> OrderBy(RecordBinding binding, FilteredRecordRetrievalOptions<TRecord> options)
    {
        var order = new List<(string, bool)>();
        if (options.OrderBy is { } orderBy)
        {
            foreach (var sort in orderBy(new FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition()).Values)
            {
                order.Add((binding.ColumnOf(Model.SortProperty(sort.PropertySelector).ModelName), sort.Ascending));
            }
        }

        return order;
    }
}
