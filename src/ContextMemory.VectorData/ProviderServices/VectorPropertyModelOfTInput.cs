using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData.ProviderServices;

/// <summary>
/// The provider-side model of an embedded vector property whose input is a custom type <typeparamref name="TInput"/>, embedded by an
/// <c>IEmbeddingGenerator&lt;TInput, Embedding&lt;float&gt;&gt;</c>.
/// </summary>
/// <typeparam name="TInput">The property's type and the generator's input type.</typeparam>
/// <remarks>Treat as immutable once the model is built; it is then safe to use from many threads at once.</remarks>
public sealed class VectorPropertyModel<TInput> : VectorPropertyModel
{
    /// <summary>
    /// Initializes a new instance of the <see cref="VectorPropertyModel{TInput}"/> class.
    /// </summary>
    /// <param name="modelName">The property's name in the data model.</param>
    public VectorPropertyModel(string modelName)
        : base(modelName, typeof(TInput))
    {
    }

    /// <inheritdoc />
    public override Type[] GetSupportedInputTypes() => [typeof(TInput)];

    /// <inheritdoc />
    public override bool CanGenerateEmbeddings(IEmbeddingGenerator embeddingGenerator)
        => embeddingGenerator is IEmbeddingGenerator<TInput, Embedding<float>> || base.CanGenerateEmbeddings(embeddingGenerator);

    /// <inheritdoc />
    protected override Task<IReadOnlyList<Embedding<float>>> GenerateEmbeddingsCoreAsync(IEnumerable<object?> values, CancellationToken cancellationToken)
        => EmbeddingGenerator is IEmbeddingGenerator<TInput, Embedding<float>> generator
            ? GenerateBatchAsync(generator, values, cancellationToken)
            : base.GenerateEmbeddingsCoreAsync(values, cancellationToken);
}
