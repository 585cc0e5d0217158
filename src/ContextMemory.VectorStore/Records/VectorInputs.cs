using ContextMemory.VectorStore.Failures;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore.Records;

/// <summary>
/// Turns what a caller gives for a vector property into float32 vectors: a record's vector as it is, or its value
/// embedded by the property's generator (a whole batch in one generator call); a search value likewise.
/// </summary>
internal static class VectorInputs
{
    /// <summary>The vector of each record for <paramref name="property"/>, null where a record has none.</summary>
    /// <exception cref="InvalidOperationException">The generator returned a different number of embeddings than it was given values.</exception>
    public static async Task<ReadOnlyMemory<float>?[]> ForBatchAsync(
        RecordModel model, VectorPropertyModel property, IReadOnlyList<object> records, CancellationToken cancellationToken)
    {
        var vectors = new ReadOnlyMemory<float>?[records.Count];
        if (!RecordModel.IsEmbedded(property))
        {
            for (var i = 0; i < records.Count; i++)
            {
                if (model.TryGetVector(property, records[i], out var vector))
                {
                    vectors[i] = vector;
                }
            }

            return vectors;
        }

        var present = new List<int>();
        var values = new List<object?>();
        for (var i = 0; i < records.Count; i++)
        {
            if (model.GetValue(property, records[i]) is { } value)
            {
                present.Add(i);
                values.Add(value);
            }
        }

        if (values.Count == 0)
        {
            return vectors;
        }

        var embeddings = await property.GenerateEmbeddingsAsync(values, cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != values.Count)
        {
            throw new InvalidOperationException(VectorStoreErrors.EmbeddingCountMismatch(property.ModelName, values.Count, embeddings.Count));
        }

        for (var j = 0; j < present.Count; j++)
        {
            vectors[present[j]] = ((Embedding<float>)embeddings[j]).Vector;
        }

        return vectors;
    }

    /// <summary>The vector to search <paramref name="property"/> with: the value itself when it is a vector, else its embedding.</summary>
    /// <exception cref="NotSupportedException">The value is not a vector and no generator of the property accepts it.</exception>
    public static async Task<ReadOnlyMemory<float>> ForSearchAsync(VectorPropertyModel property, object value, CancellationToken cancellationToken)
    {
        if (RecordModel.TryConvertToVector(value, out var vector))
        {
            return vector;
        }

        if (property.EmbeddingGenerator is not { } generator || property.EmbeddingGenerationDispatcher is null)
        {
            throw new NotSupportedException(VectorStoreErrors.SearchInputWithoutGenerator(value.GetType(), property.ModelName));
        }

        if (!Accepts(property, generator, value))
        {
            throw new NotSupportedException(VectorStoreErrors.SearchInputUnsupportedByGenerator(value.GetType(), generator.GetType(), property.ModelName));
        }

        var embedding = await property.GenerateEmbeddingAsync(value, cancellationToken).ConfigureAwait(false);
        return ((Embedding<float>)embedding).Vector;
    }

    /// <summary>
    /// Whether the package's dispatch can embed <paramref name="value"/>: a string or <see cref="DataContent"/> with a
    /// generator of it, or a value of the input type of a <see cref="VectorPropertyModel{TInput}"/> with a generator of that type.
    /// </summary>
    private static bool Accepts(VectorPropertyModel property, IEmbeddingGenerator generator, object value) => value switch
    {
        string => generator is IEmbeddingGenerator<string, Embedding<float>>,
        DataContent => generator is IEmbeddingGenerator<DataContent, Embedding<float>>,
        _ => property.GetSupportedInputTypes() is [var input] && input.IsInstanceOfType(value)
            && typeof(IEmbeddingGenerator<,>).MakeGenericType(input, typeof(Embedding<float>)).IsInstanceOfType(generator),
    };
}
