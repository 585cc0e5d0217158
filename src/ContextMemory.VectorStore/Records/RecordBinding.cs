using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore.Records;

/// <summary>
/// Ties a record model to the tables of one collection: which column holds each property, which index each
/// vector property has, the statements (from <see cref="CollectionSql"/>) that read and write records of this model,
/// and the conversion of a row to a record and back. Immutable; built once per collection object and stored schema.
/// </summary>
internal sealed class RecordBinding
{
    private const int MaxCachedSelectCount = 1024;
    private readonly Dictionary<string, string> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dataOrdinalsByName = new(StringComparer.Ordinal);
    private readonly int[] _dataOrdinals;
    private readonly int[] _vectorSlots;
    private readonly string[] _upsertParameterNames;
    private readonly Func<SqliteDataReader, int, object?> _keyReader;
    private readonly Func<SqliteDataReader, int, object?>[] _dataReaders;
    private readonly ConcurrentDictionary<(int Ordinal, bool IncludeVectors, int Count), SqlText> _selectByVids = new();

    public RecordBinding(RecordModel model, CollectionEntry entry)
    {
        Model = model;
        Entry = entry;
        var schema = entry.Schema;
        _columns.Add(model.Key.ModelName, CollectionSql.KeyColumn);

        _dataOrdinals = new int[model.Data.Count];
        for (var i = 0; i < _dataOrdinals.Length; i++)
        {
            var property = model.Data[i];
            var column = schema.Data.FirstOrDefault(d => d.StorageName == property.StorageName)
                ?? throw new InvalidOperationException(VectorStoreErrors.PropertyNotInCollection(entry.Name, property.StorageName));
            _dataOrdinals[i] = column.Ordinal;
            _dataOrdinalsByName.Add(property.ModelName, column.Ordinal);
            _columns.Add(property.ModelName, CollectionSql.DataColumnOperand(column.Ordinal));
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
        Columns = new RecordColumns(_dataOrdinals, [.. _vectorSlots.Select(slot => schema.Vectors[slot].Ordinal)]);
        _upsertParameterNames = CollectionSql.UpsertParameterNames(Columns);
        UpsertSql = entry.Sql.Upsert(Columns);
    }

    public RecordModel Model { get; }

    public CollectionEntry Entry { get; }

    public CollectionSql Sql => Entry.Sql;

    /// <summary>The columns this model maps, for the statements of <see cref="Sql"/>.</summary>
    public RecordColumns Columns { get; }

    /// <summary>Inserts or replaces the record's key and data columns (parameters <c>$k</c>, <c>$p{ordinal}</c>); returns rid.</summary>
    public SqlText UpsertSql { get; }

    /// <summary>The SQL column expression of a key or data property, by model name (for filters and ordering).</summary>
    public string ColumnOf(string modelName) =>
        _columns.TryGetValue(modelName, out var column)
            ? column
            : throw new NotSupportedException(VectorStoreErrors.PropertyNotFilterable(modelName));

    /// <summary>The column name, in the full-text table, of a full-text indexed data property.</summary>
    public string FullTextColumnOf(DataPropertyModel property) => CollectionSql.DataColumn(_dataOrdinalsByName[property.ModelName]);

    /// <summary>The position, in the collection's index list, of a vector property's index.</summary>
    public int IndexSlotOf(VectorPropertyModel property) => _vectorSlots[IndexOf(Model.Vectors, property)];

    /// <summary>
    /// <see cref="CollectionSql.SelectByVids"/> for this model: the records of <paramref name="count"/> vids of vector
    /// ordinal <paramref name="ordinal"/>, bound as <c>$v0</c>, <c>$v1</c>, ... in that order. Cached per shape.
    /// </summary>
    public SqlText SelectByVids(int ordinal, bool includeVectors, int count) =>
        count <= MaxCachedSelectCount
            ? _selectByVids.GetOrAdd((ordinal, includeVectors, count), BuildSelectByVids)
            : BuildSelectByVids((ordinal, includeVectors, count));

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

    /// <summary>Reads a record from the columns of a record select list (rid, key, data, [vector, checksum ..]) starting at <paramref name="first"/>.</summary>
    /// <exception cref="InvalidDataException">A vector to include is damaged (<see cref="StoredVector.TryRead"/>).</exception>
    public TRecord ReadRecord<TRecord>(SqliteDataReader reader, int first, bool includeVectors)
    {
        var record = Model.CreateRecord<TRecord>()!;
        var key = _keyReader(reader, first + 1);
        Model.SetValue(Model.Key, record, key);
        var column = first + 2;
        for (var i = 0; i < _dataReaders.Length; i++)
        {
            Model.SetValue(Model.Data[i], record, _dataReaders[i](reader, column++));
        }

        if (includeVectors)
        {
            // Each vector comes with its checksum in the next column (see StoredVector).
            for (var i = 0; i < _vectorSlots.Length; i++, column += 2)
            {
                if (reader.IsDBNull(column))
                {
                    continue;
                }

                var vector = new float[Entry.Schema.Vectors[_vectorSlots[i]].Dimensions];
                if (!StoredVector.TryRead(reader, column, vector))
                {
                    throw new InvalidDataException(VectorStoreErrors.DamagedVector(Entry.Name, Model.Vectors[i].ModelName, key!));
                }

                Model.SetVector(Model.Vectors[i], record, vector);
            }
        }

        return record;
    }

    private SqlText BuildSelectByVids((int Ordinal, bool IncludeVectors, int Count) shape) =>
        Sql.SelectByVids(Columns, shape.Ordinal, shape.IncludeVectors, shape.Count);

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
