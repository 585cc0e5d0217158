using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore.Records;

/// <summary>
/// Ties a record model to the tables of one collection: which column holds each property, which index each
/// vector property has, the SQL that reads and writes records of this model, and the conversion of a row to
/// a record and back. Immutable; built once per collection object and stored schema.
/// </summary>
internal sealed class RecordBinding
{
    private const string Alias = CollectionSql.RecordAlias;
    private const int MaxCachedSelectCount = 1024;
    private readonly Dictionary<string, string> _columns = new(StringComparer.Ordinal);
    private readonly int[] _dataOrdinals;
    private readonly int[] _vectorSlots;
    private readonly string[] _upsertParameterNames;
    private readonly Func<SqliteDataReader, int, object?> _keyReader;
    private readonly Func<SqliteDataReader, int, object?>[] _dataReaders;
    private readonly ConcurrentDictionary<(int Ordinal, bool IncludeVectors, int Count), string> _selectByVids = new();

    public RecordBinding(RecordModel model, CollectionEntry entry)
    {
        Model = model;
        Entry = entry;
        var schema = entry.Schema;
        _columns.Add(model.Key.ModelName, $"{Alias}.k");

        _dataOrdinals = new int[model.Data.Count];
        for (var i = 0; i < _dataOrdinals.Length; i++)
        {
            var property = model.Data[i];
            var column = schema.Data.FirstOrDefault(d => d.StorageName == property.StorageName)
                ?? throw new InvalidOperationException(VectorStoreErrors.PropertyNotInCollection(entry.Name, property.StorageName));
            _dataOrdinals[i] = column.Ordinal;
            _columns.Add(property.ModelName, $"{Alias}.{CollectionSql.DataColumn(column.Ordinal)}");
        }

        _vectorSlots = new int[model.Vectors.Count];
        for (var i = 0; i < _vectorSlots.Length; i++)
        {
            var property = model.Vectors[i];
            var slot = schema.Vectors.ToList().FindIndex(v => v.StorageName == property.StorageName);
            _vectorSlots[i] = slot >= 0 ? slot
                : throw new InvalidOperationException(VectorStoreErrors.PropertyNotInCollection(entry.Name, property.StorageName));
        }

        _keyReader = ColumnReaders.For(model.Key.Type);
        _dataReaders = [.. model.Data.Select(p => ColumnReaders.For(p.Type))];
        var dataColumns = _dataOrdinals.Select(CollectionSql.DataColumn).ToArray();
        _upsertParameterNames = ["$k", .. dataColumns.Select(c => "$" + c)];
        var assignments = string.Join(", ", dataColumns.Select(c => $"{c} = excluded.{c}"));
        UpsertSql =
            $"INSERT INTO {entry.Sql.Records} (k{string.Concat(dataColumns.Select(c => ", " + c))}) " +
            $"VALUES ($k{string.Concat(dataColumns.Select(c => ", $" + c))}) " +
            $"ON CONFLICT (k) DO UPDATE SET {(assignments.Length == 0 ? "k = excluded.k" : assignments)} RETURNING rid;";
    }

    public RecordModel Model { get; }

    public CollectionEntry Entry { get; }

    public CollectionSql Sql => Entry.Sql;

    /// <summary>Inserts or replaces the record's key and data columns (parameters <c>$k</c>, <c>$p{ordinal}</c>); returns rid.</summary>
    public string UpsertSql { get; }

    /// <summary>Number of columns <see cref="SelectList"/> yields.</summary>
    public int ColumnCount(bool includeVectors) => 2 + _dataOrdinals.Length + (includeVectors ? _vectorSlots.Length : 0);

    /// <summary>The SQL column expression of a key or data property, by model name (for filters and ordering).</summary>
    public string ColumnOf(string modelName) =>
        _columns.TryGetValue(modelName, out var column)
            ? column
            : throw new NotSupportedException(VectorStoreErrors.PropertyNotFilterable(modelName));

    /// <summary>The position, in the collection's index list, of a vector property's index.</summary>
    public int IndexSlotOf(VectorPropertyModel property) => _vectorSlots[IndexOf(Model.Vectors, property)];

    /// <summary><c>r.rid, r.k, r.p.., [v.v ..]</c> for this model.</summary>
    public string SelectList(bool includeVectors)
    {
        var sql = new StringBuilder($"{Alias}.rid, {Alias}.k");
        foreach (var ordinal in _dataOrdinals)
        {
            sql.Append(CultureInfo.InvariantCulture, $", {Alias}.{CollectionSql.DataColumn(ordinal)}");
        }

        if (includeVectors)
        {
            for (var i = 0; i < _vectorSlots.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $", vv{i}.v");
            }
        }

        return sql.ToString();
    }

    /// <summary>
    /// The records of this model (<c>sv.vid</c>, then <see cref="SelectList"/>) for <paramref name="count"/> vids of vector
    /// property <paramref name="ordinal"/>, bound as <c>$v0</c>, <c>$v1</c>, ... in that order. Cached per shape.
    /// </summary>
    public string SelectByVids(int ordinal, bool includeVectors, int count) =>
        count <= MaxCachedSelectCount
            ? _selectByVids.GetOrAdd((ordinal, includeVectors, count), BuildSelectByVids)
            : BuildSelectByVids((ordinal, includeVectors, count));

    /// <summary>The LEFT JOINs that bring in this model's vectors (empty when not included).</summary>
    public string VectorJoins(bool includeVectors)
    {
        if (!includeVectors)
        {
            return string.Empty;
        }

        var sql = new StringBuilder();
        for (var i = 0; i < _vectorSlots.Length; i++)
        {
            var table = Sql.VectorTable(Entry.Schema.Vectors[_vectorSlots[i]].Ordinal);
            sql.Append(CultureInfo.InvariantCulture, $" LEFT JOIN {table} vv{i} ON vv{i}.rid = {Alias}.rid");
        }

        return sql.ToString();
    }

    /// <summary>The parameters of <see cref="UpsertSql"/> on <paramref name="command"/>: <c>$k</c>, then one per data property.</summary>
    public SqliteParameter[] UpsertParameters(SqliteCommand command) =>
        [.. _upsertParameterNames.Select(name => PooledConnection.Parameter(command, name))];

    /// <summary>Sets the <see cref="UpsertParameters"/> from a record.</summary>
    public void BindUpsert(SqliteParameter[] parameters, object record, object key)
    {
        parameters[0].Value = KeyToStorage(key);
        for (var i = 0; i < _dataOrdinals.Length; i++)
        {
            parameters[i + 1].Value = SqliteValueConverter.ToStorage(Model.GetValue(Model.Data[i], record));
        }
    }

    /// <summary>The storage form of a key, checking its runtime type against the model (dynamic keys are objects).</summary>
    public object KeyToStorage(object key)
    {
        var keyType = Model.Key.Type;
        if (key.GetType() != keyType)
        {
            throw new ArgumentException(VectorStoreErrors.KeyTypeMismatch(key.GetType(), keyType), nameof(key));
        }

        if (key is string text && text.Length == 0)
        {
            throw new ArgumentException(VectorStoreErrors.EmptyStringKey, nameof(key));
        }

        return SqliteValueConverter.ToStorage(key);
    }

    /// <summary>Reads a record from the columns of <see cref="SelectList"/> starting at <paramref name="first"/>.</summary>
    public TRecord ReadRecord<TRecord>(SqliteDataReader reader, int first, bool includeVectors)
    {
        var record = Model.CreateRecord<TRecord>()!;
        Model.SetValue(Model.Key, record, _keyReader(reader, first + 1));
        var column = first + 2;
        for (var i = 0; i < _dataReaders.Length; i++)
        {
            Model.SetValue(Model.Data[i], record, _dataReaders[i](reader, column++));
        }

        if (includeVectors)
        {
            for (var i = 0; i < _vectorSlots.Length; i++, column++)
            {
                if (reader.IsDBNull(column))
                {
                    continue;
                }

                var vector = new float[Entry.Schema.Vectors[_vectorSlots[i]].Dimensions];
                IndexSource.ReadVector(reader, column, vector);
                Model.SetVector(Model.Vectors[i], record, vector);
            }
        }

        return record;
    }

    private string BuildSelectByVids((int Ordinal, bool IncludeVectors, int Count) shape) =>
        $"SELECT sv.vid, {SelectList(shape.IncludeVectors)} FROM {Sql.VectorTable(shape.Ordinal)} sv INDEXED BY {Sql.VidIndex(shape.Ordinal)} " +
        $"JOIN {Sql.Records} {Alias} ON {Alias}.rid = sv.rid{VectorJoins(shape.IncludeVectors)} " +
        $"WHERE sv.vid IN ({CollectionSql.ParameterList("v", shape.Count)});";

    private static int IndexOf(IReadOnlyList<VectorPropertyModel> list, VectorPropertyModel item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], item))
            {
                return i;
            }
        }

        throw new ArgumentException(VectorStoreErrors.PropertyNotFilterable(item.ModelName), nameof(item));
    }
}
