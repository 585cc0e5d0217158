using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using ContextMemory.VectorStore.Filters;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore;

/// <summary>Reads records of a collection by key and by filter (the Get operations of <see cref="FaissCollection{TKey, TRecord}"/>).</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>Thread-safe; every read rents its own connection.</remarks>
internal sealed class RecordReader<TKey, TRecord>
    where TKey : notnull
    where TRecord : class
{
    private const int KeysPerQuery = 256;
    private readonly CollectionContext _context;

    public RecordReader(CollectionContext context) => _context = context;

    private RecordModel Model => _context.Model;

    /// <summary>The record with <paramref name="key"/>, or null.</summary>
    public Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var includeVectors = options?.IncludeVectors ?? false;
        Model.ValidateIncludeVectors(includeVectors);
        return _context.RunAsync("Get", (_, binding) =>
        {
            var storedKey = binding.KeyToStorage(key);
            cancellationToken.ThrowIfCancellationRequested();
            using var lease = _context.Database.Pool.Rent();
            var command = lease.Connection.Command(binding.Sql.SelectByKey(binding.Columns, includeVectors));
            PooledConnection.Bind(command, "$k", storedKey);
            using var reader = command.ExecuteReader();
            return Task.FromResult(reader.Read() ? binding.ReadRecord<TRecord>(reader, 0, includeVectors) : null);
        }, cancellationToken);
    }

    /// <summary>The records of <paramref name="keys"/> found, in key order, each once.</summary>
    public async IAsyncEnumerable<TRecord> GetAsync(
        IEnumerable<TKey> keys, RecordRetrievalOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
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

        if (distinct.Count == 0)
        {
            yield break;
        }

        // Bound once: every chunk reads the collection the enumeration started on, never one created again under its name.
        var bound = await _context.BindAsync("Get", cancellationToken).ConfigureAwait(false);
        for (var start = 0; start < distinct.Count; start += KeysPerQuery)
        {
            var chunk = distinct.GetRange(start, Math.Min(KeysPerQuery, distinct.Count - start));
            var found = await _context.RunAsync("Get", bound, () => Task.FromResult(ReadByKeys(bound.Binding, chunk, includeVectors, cancellationToken)))
                .ConfigureAwait(false);
            foreach (var record in found)
            {
                yield return record;
            }
        }
    }

    /// <summary>Up to <paramref name="top"/> records matching <paramref name="filter"/>, in the requested or storage order.</summary>
    public async IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<TRecord>? options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<TRecord>();
        Model.ValidateIncludeVectors(options.IncludeVectors);
        var records = await _context.RunAsync("Get", (_, binding) =>
        {
            var where = SqlFilterTranslator.Translate(filter, Model, binding.ColumnOf);
            var sql = binding.Sql.SelectMatching(binding.Columns, options.IncludeVectors, where, OrderBy(binding, options));
            cancellationToken.ThrowIfCancellationRequested();
            using var lease = _context.Database.Pool.Rent();
            var command = lease.Connection.Command(sql);
            where.BindTo(command);
            PooledConnection.Bind(command, "$top", top);
            PooledConnection.Bind(command, "$skip", options.Skip);
            return Task.FromResult(ReadAll(binding, command, options.IncludeVectors));
        }, cancellationToken).ConfigureAwait(false);
        foreach (var record in records)
        {
            yield return record;
        }
    }

    private List<TRecord> ReadByKeys(RecordBinding binding, List<TKey> keys, bool includeVectors, CancellationToken cancellationToken)
    {
        var storedKeys = keys.Select(k => binding.KeyToStorage(k)).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = _context.Database.Pool.Rent();
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

    private static List<TRecord> ReadAll(RecordBinding binding, SqliteCommand command, bool includeVectors)
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
