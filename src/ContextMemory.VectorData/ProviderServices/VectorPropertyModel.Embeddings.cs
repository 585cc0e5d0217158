using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData.ProviderServices;

public partial class VectorPropertyModel
{
    /// <summary>
    /// Embeds the values of an embedded property for a whole batch of records in one generator call.
    /// </summary>
    /// <param name="values">The property's values, one per record (for example <c>records.Select(model.VectorProperty.GetValueAsObject)</c>).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>
    /// The embeddings in the order of <paramref name="values"/>, or <see langword="null"/> when the property is not embedded
    /// (its values are already vectors: read them with <see cref="TryGetVector"/>). An empty batch returns an empty list without
    /// calling the generator.
    /// </returns>
    /// <exception cref="ArgumentException">A value is <see langword="null"/> or not of the property's input type.</exception>
    /// <exception cref="NotSupportedException">The configured generator cannot embed the property's input type.</exception>
    /// <exception cref="InvalidOperationException">The generator returned a different number of embeddings than inputs.</exception>
    public async Task<IReadOnlyList<Embedding<float>>?> TryGenerateEmbeddingsAsync(IEnumerable<object?> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!RequiresEmbeddingGeneration)
        {
            return null;
        }

        return await GenerateEmbeddingsCoreAsync(values, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Embeds one value, typically a search input, with the configured generator.
    /// </summary>
    /// <typeparam name="TInput">The value's type.</typeparam>
    /// <param name="value">The value to embed.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The embedding.</returns>
    /// <exception cref="NotSupportedException">No generator is configured, or the configured one cannot embed a <typeparamref name="TInput"/>; the message names both types.</exception>
    public Task<Embedding<float>> GenerateEmbeddingAsync<TInput>(TInput value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return EmbeddingGenerator switch
        {
            null => throw new NotSupportedException(VectorDataStrings.SearchInputWithoutGenerator(value.GetType(), ModelName)),
            IEmbeddingGenerator<TInput, Embedding<float>> generator => generator.GenerateAsync(value, options: null, cancellationToken),
            IEmbeddingGenerator<string, Embedding<float>> generator when value is string text => generator.GenerateAsync(text, options: null, cancellationToken),
            IEmbeddingGenerator<DataContent, Embedding<float>> generator when value is DataContent content => generator.GenerateAsync(content, options: null, cancellationToken),
            var generator => throw new NotSupportedException(VectorDataStrings.SearchInputUnsupportedByGenerator(value.GetType(), generator.GetType(), ModelName)),
        };
    }

    /// <summary>
    /// Turns a search value into the vector to search with: a vector value is used as it is, anything else is embedded.
    /// </summary>
    /// <typeparam name="TInput">The search value's type.</typeparam>
    /// <param name="searchValue">A <c>ReadOnlyMemory&lt;float&gt;</c>, <c>float[]</c> or <c>Embedding&lt;float&gt;</c>, or an input the configured generator accepts.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The vector.</returns>
    /// <exception cref="NotSupportedException">The value is not a vector and no configured generator can embed it.</exception>
    public async ValueTask<ReadOnlyMemory<float>> GetSearchVectorAsync<TInput>(TInput searchValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        if (TryConvertToVector(searchValue, out var vector))
        {
            return vector;
        }

        var embedding = await GenerateEmbeddingAsync(searchValue, cancellationToken).ConfigureAwait(false);
        return embedding.Vector;
    }

    /// <summary>
    /// Embeds a batch with the configured generator; overridden by <see cref="VectorPropertyModel{TInput}"/> for its input type.
    /// </summary>
    /// <param name="values">The values to embed.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The embeddings, in input order.</returns>
    protected virtual Task<IReadOnlyList<Embedding<float>>> GenerateEmbeddingsCoreAsync(IEnumerable<object?> values, CancellationToken cancellationToken)
        => EmbeddingGenerator switch
        {
            null => throw new InvalidOperationException(VectorDataStrings.NoEmbeddingGenerator(ModelName)),
            IEmbeddingGenerator<string, Embedding<float>> generator when Type == typeof(string) => GenerateBatchAsync(generator, values, cancellationToken),
            IEmbeddingGenerator<DataContent, Embedding<float>> generator when Type == typeof(DataContent) => GenerateBatchAsync(generator, values, cancellationToken),
            var generator => throw new NotSupportedException(VectorDataStrings.IncompatibleEmbeddingGenerator(ModelName, Type, generator.GetType())),
        };

    /// <summary>
    /// Checks every value's type, then embeds them all in a single generator call.
    /// </summary>
    /// <typeparam name="TInput">The generator's input type.</typeparam>
    /// <param name="generator">The generator.</param>
    /// <param name="values">The values to embed.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The embeddings, in input order.</returns>
    protected async Task<IReadOnlyList<Embedding<float>>> GenerateBatchAsync<TInput>(
        IEmbeddingGenerator<TInput, Embedding<float>> generator,
        IEnumerable<object?> values,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(values);

        // Materialize first so that a bad value fails before any (possibly paid) generator call is made.
        var inputs = new List<TInput>();
        foreach (var value in values)
        {
            inputs.Add(value is TInput input
                ? input
                : throw new ArgumentException(VectorDataStrings.EmbeddingInputWrongType(ModelName, typeof(TInput), value?.GetType()), nameof(values)));
        }

        if (inputs.Count == 0)
        {
            return [];
        }

        var embeddings = await generator.GenerateAsync(inputs, options: null, cancellationToken).ConfigureAwait(false);
        return embeddings.Count == inputs.Count
            ? embeddings
            : throw new InvalidOperationException(VectorDataStrings.EmbeddingCountMismatch(ModelName, inputs.Count, embeddings.Count));
    }
}
