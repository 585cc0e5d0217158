using Microsoft.Extensions.AI;

namespace ContextMemory.Embeddings.Onnx;

/// <summary>
/// A local text embedding generator: arctic-embed-xs (default) or MiniLM-L6 on ONNX Runtime, with no key and no
/// network. Vectors have 384 dimensions and, by default, unit length, so a cosine similarity (equal to their dot
/// product) of 1 means the same meaning and values near 0 unrelated texts.
/// </summary>
/// <remarks>
/// <para>
/// Texts marked as queries (<see cref="EmbeddingInputKind.ForQuery"/>) get the model's query prefix (arctic-embed
/// only); documents, and texts with no kind, are embedded as they are. Texts longer than
/// <see cref="OnnxEmbeddingGeneratorOptions.MaxTokens"/> tokens are truncated.
/// </para>
/// <para>
/// Thread-safe: concurrent calls are served one at a time, in arrival order (a call already keeps every core busy
/// by running its batches side by side on the one session). The work runs on the thread pool, not on the caller's thread; cancellation is honoured while waiting,
/// between batches, and inside a batch. <see cref="Dispose"/> waits for the batch in progress, then releases
/// the model; later calls throw <see cref="ObjectDisposedException"/>.
/// </para>
/// </remarks>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The provider name in this generator's <see cref="EmbeddingGeneratorMetadata"/>.</summary>
    public const string ProviderName = "contextmemory-onnx";

    private readonly ModelDescriptor _model;
    private readonly int _maxBatchSize;
    private readonly int _concurrentBatches;
    private readonly TextTokenizer _tokenizer;
    private readonly OnnxEncoder _encoder;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _disposed;

    /// <summary>Loads the model named by <paramref name="options"/> (default: arctic-embed-xs).</summary>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    /// <exception cref="FileNotFoundException">The model package assembly is not in the application's <c>models</c> folder.</exception>
    public OnnxEmbeddingGenerator(OnnxEmbeddingGeneratorOptions? options = null)
    {
        options ??= new OnnxEmbeddingGeneratorOptions();
        options.Validate();
        _model = ModelDescriptor.For(options.Model);
        _maxBatchSize = options.MaxBatchSize;
        _concurrentBatches = options.ConcurrentBatches == 0 ? Environment.ProcessorCount : options.ConcurrentBatches;
        _tokenizer = new TextTokenizer(EmbeddedModelFiles.ReadVocabulary(_model), options.MaxTokens);
        _encoder = new OnnxEncoder(_model, options.IntraOpThreads, options.Normalize);
        Metadata = new EmbeddingGeneratorMetadata(ProviderName, providerUri: null, _model.Id, _model.Dimensions);
    }

    /// <summary>Provider <see cref="ProviderName"/>, the model's stable id and its 384 dimensions.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>The stable id of the arctic-embed-xs model, as reported in <see cref="EmbeddingGeneratorMetadata.DefaultModelId"/>.</summary>
    public static string ArcticEmbedXsId => ModelDescriptor.For(OnnxEmbeddingModel.ArcticEmbedXs).Id;

    /// <summary>The stable id of the MiniLM-L6 model, as reported in <see cref="EmbeddingGeneratorMetadata.DefaultModelId"/>.</summary>
    public static string MiniLmL6Id => ModelDescriptor.For(OnnxEmbeddingModel.MiniLmL6).Id;

    /// <summary>The text arctic-embed-xs puts before every query.</summary>
    public static string ArcticQueryPrefix => ModelDescriptor.ArcticQueryPrefix;

    /// <summary>Embeds <paramref name="values"/>, one vector per text in input order.</summary>
    /// <param name="values">The texts; none may be <see langword="null"/>. An empty text gets a vector too.</param>
    /// <param name="options">Marks the texts as queries or documents (<see cref="EmbeddingInputKind"/>); other settings are ignored.</param>
    /// <param name="cancellationToken">Cancels the call while it waits, between batches and inside a batch.</param>
    /// <returns>The embeddings, each stamped with the model id.</returns>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? [.. values];
        if (texts.Contains(null!))
        {
            throw new ArgumentException(OnnxEmbeddingErrors.NullText, nameof(values));
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (texts.Count == 0)
        {
            return [];
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await EmbedAsync(texts, EmbeddingInputKind.IsQuery(options), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync(IReadOnlyList<string> texts, bool query, CancellationToken cancellationToken)
    {
        var prefix = query ? _model.QueryPrefix : string.Empty;
        // At least one batch per concurrent slot when there are enough texts: 6 texts on two cores run as 3 + 3, not as one batch of 6.
        var batchSize = Math.Clamp((texts.Count + _concurrentBatches - 1) / _concurrentBatches, 1, _maxBatchSize);
        var batches = await Task.Run(() => _tokenizer.Plan(texts, prefix, batchSize), cancellationToken).ConfigureAwait(false);
        var vectors = new float[texts.Count][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _concurrentBatches, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batches, parallel, (batch, token) =>
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var pooled = _encoder.Encode(batch, token);
            for (var row = 0; row < batch.Rows; row++)
            {
                vectors[batch.Positions[row]] = pooled[row];
            }

            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);

        var created = DateTimeOffset.UtcNow;
        return [.. vectors.Select(v => new Embedding<float>(v) { ModelId = _model.Id, CreatedAt = created })];
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Waits for the batch in progress, then releases the model. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _gate.Wait();
        try
        {
            _encoder.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }
}
