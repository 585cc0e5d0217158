// MEVD9001: the package's ProviderServices model types are experimental (see InMemoryModelBuilder).
#pragma warning disable MEVD9001
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.Tests.Shared;

/// <summary>
/// Copies records of one model into <see cref="StoredRecord"/>s and back. Every value is copied both ways (arrays,
/// lists and vectors included), so stored state never aliases a caller's objects. Vectors of properties whose values
/// are generator inputs are generated here, in one batch per property.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
internal sealed class InMemoryRecordMapper<TRecord>
    where TRecord : class
{
    private readonly CollectionModel _model;

    public InMemoryRecordMapper(CollectionModel model) => _model = model;

    /// <summary>The stored form of <paramref name="records"/>, keyed; generated keys are set on the records first.</summary>
    public async Task<List<(object Key, StoredRecord Record)>> ToStoredAsync(
        IReadOnlyList<TRecord> records, InMemoryTable table, CancellationToken cancellationToken)
    {
        var keyProperty = _model.KeyProperty;
        var stored = new List<(object Key, Dictionary<string, object?> Values, Dictionary<string, float[]> Vectors)>(records.Count);
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record);
            var key = KeyOf(record, keyProperty, table);
            var values = new Dictionary<string, object?>(StringComparer.Ordinal) { [keyProperty.StorageName] = key };
            foreach (var data in _model.DataProperties)
            {
                values[data.StorageName] = Copy(data.GetValueAsObject(record));
            }

            stored.Add((key, values, new Dictionary<string, float[]>(StringComparer.Ordinal)));
        }

        foreach (var vector in _model.VectorProperties)
        {
            var inputs = records.Select(r => vector.GetValueAsObject(r)).ToArray();
            var vectors = await VectorsOfAsync(vector, inputs, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < records.Count; i++)
            {
                if (vectors[i] is { } v)
                {
                    stored[i].Vectors[vector.StorageName] = v;
                }
            }
        }

        return [.. stored.Select(s => (s.Key, new StoredRecord(table.NextSequence(), s.Values, s.Vectors)))];
    }

    /// <summary>A new record holding copies of the stored values; vectors only when asked.</summary>
    public TRecord ToRecord(StoredRecord stored, bool includeVectors)
    {
        var record = _model.CreateRecord<TRecord>();
        _model.KeyProperty.SetValueAsObject(record, stored.Values[_model.KeyProperty.StorageName]);
        foreach (var data in _model.DataProperties)
        {
            data.SetValueAsObject(record, Copy(stored.Values.GetValueOrDefault(data.StorageName)));
        }

        if (includeVectors)
        {
            foreach (var vector in _model.VectorProperties)
            {
                if (stored.Vectors.TryGetValue(vector.StorageName, out var v))
                {
                    vector.SetValueAsObject(record, AsPropertyType(vector.Type, v));
                }
            }
        }

        return record;
    }

    /// <summary>The query vector for a search input: a vector as given, or the property's generator's embedding of it.</summary>
    public static async Task<float[]> QueryVectorAsync(VectorPropertyModel property, object input, CancellationToken cancellationToken)
    {
        var vector = AsFloats(input) ?? (property.EmbeddingGenerator is null
            ? throw new NotSupportedException(InMemoryStoreErrors.NoEmbeddingGenerator(property.ModelName, input.GetType()))
            : ((Embedding<float>)await property.GenerateEmbeddingAsync(input, cancellationToken).ConfigureAwait(false)).Vector.ToArray());
        return CheckDimensions(property, vector);
    }

    private static async Task<float[]?[]> VectorsOfAsync(VectorPropertyModel property, object?[] inputs, CancellationToken cancellationToken)
    {
        var vectors = new float[]?[inputs.Length];
        var toGenerate = new List<int>();
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null)
            {
                continue;
            }

            vectors[i] = AsFloats(inputs[i]!);
            if (vectors[i] is null)
            {
                toGenerate.Add(i);
            }
        }

        if (toGenerate.Count > 0)
        {
            if (property.EmbeddingGenerator is null)
            {
                throw new NotSupportedException(InMemoryStoreErrors.NoEmbeddingGenerator(property.ModelName, inputs[toGenerate[0]]!.GetType()));
            }

            var generated = await property.GenerateEmbeddingsAsync(toGenerate.Select(i => inputs[i]), cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < toGenerate.Count; j++)
            {
                vectors[toGenerate[j]] = ((Embedding<float>)generated[j]).Vector.ToArray();
            }
        }

        foreach (var vector in vectors)
        {
            if (vector is not null)
            {
                _ = CheckDimensions(property, vector);
            }
        }

        return vectors;
    }

    private static object KeyOf(TRecord record, KeyPropertyModel keyProperty, InMemoryTable table)
    {
        var key = keyProperty.GetValueAsObject(record);
        if (keyProperty.IsAutoGenerated && IsDefaultKey(key))
        {
            key = keyProperty.Type == typeof(Guid) ? Guid.NewGuid()
                : keyProperty.Type == typeof(int) ? checked((int)table.NextGeneratedKey())
                : table.NextGeneratedKey();
            keyProperty.SetValueAsObject(record, key);
        }

        return key ?? throw new ArgumentException(InMemoryStoreErrors.NullKey(keyProperty.ModelName), nameof(record));
    }

    private static bool IsDefaultKey(object? key) => key is null || (key is Guid g && g == Guid.Empty) || key is 0 or 0L;

    private static float[] CheckDimensions(VectorPropertyModel property, float[] vector) =>
        vector.Length == property.Dimensions
            ? vector
            : throw new ArgumentException(InMemoryStoreErrors.WrongDimensions(property.ModelName, property.Dimensions, vector.Length));

    private static float[]? AsFloats(object value) => value switch
    {
        ReadOnlyMemory<float> memory => memory.ToArray(),
        float[] array => (float[])array.Clone(),
        Embedding<float> embedding => embedding.Vector.ToArray(),
        _ => null,
    };

    private static object AsPropertyType(Type type, float[] vector)
    {
        var copy = (float[])vector.Clone();
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(float[]) ? copy : t == typeof(Embedding<float>) ? new Embedding<float>(copy) : new ReadOnlyMemory<float>(copy);
    }

    private static object? Copy(object? value) => value switch
    {
        Array array => array.Clone(),
        List<string> list => new List<string>(list),
        ReadOnlyMemory<float> memory => new ReadOnlyMemory<float>(memory.ToArray()),
        _ => value,
    };
}
