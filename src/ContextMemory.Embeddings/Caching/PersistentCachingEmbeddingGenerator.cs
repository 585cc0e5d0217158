using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContextMemory.Embeddings.Caching;

/// <summary>
/// A durable embedding cache in an SQLite file: a text already embedded with the same model, dimensions and input
/// kind is never embedded again, across restarts and across processes sharing the file.
/// </summary>
/// <remarks>
/// <para>
/// One call looks every text up in one query, then sends only the missing ones — each distinct text once — to the
/// inner generator in a single call, and stores the results in one transaction. The key is a SHA-256 of the
/// provider, model id, dimensions, input kind (<see cref="EmbeddingInputKind"/>) and text; the file holds no text.
/// </para>
/// <para>
/// A damaged file is moved aside and recreated, a damaged entry is embedded again; a storage failure (full or
/// read-only disk) makes the call run uncached rather than fail. Thread-safe and safe for several processes.
/// <see cref="GetService"/> returns the <see cref="EmbeddingCacheStatistics"/>.
/// </para>
/// </remarks>
public sealed class PersistentCachingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingCacheStore _store;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Opens (or creates) the cache file at <paramref name="path"/> in front of <paramref name="innerGenerator"/>.</summary>
    /// <param name="innerGenerator">The embedder; it must report its model id and dimensions in <see cref="EmbeddingGeneratorMetadata"/>.</param>
    /// <param name="path">The cache file, chosen by the host; its folder is created.</param>
    /// <param name="logger">Receives warnings about damaged or unusable cache files.</param>
    /// <exception cref="ArgumentException">The path is unusable, or the inner generator does not report its model.</exception>
    /// <exception cref="EmbeddingConfigurationException">The path holds another application's database.</exception>
    public PersistentCachingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, string path, ILogger? logger = null)
        : base(innerGenerator)
    {
        _metadata = innerGenerator.GetService<EmbeddingGeneratorMetadata>() is { DefaultModelId: not null, DefaultModelDimensions: not null } metadata
            ? metadata
            : throw new ArgumentException(EmbeddingErrors.CacheNeedsModelMetadata, nameof(innerGenerator));
        _store = new EmbeddingCacheStore(path, logger ?? NullLogger.Instance, Statistics);
    }

    /// <summary>The hit, miss and repair counters of this cache.</summary>
    public EmbeddingCacheStatistics Statistics { get; } = new();

    /// <summary>The full path of the cache file.</summary>
    public string CachePath => _store.Path;

    /// <summary>The number of vectors in the cache file (all models), or -1 when it cannot be read.</summary>
    public long CountEntries() => _store.Count();

    /// <inheritdoc />
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? [.. values];
        if (texts.Contains(null!))
        {
            throw new ArgumentException(EmbeddingErrors.NullText, nameof(values));
        }

        if (texts.Count == 0)
        {
            return [];
        }

        var plan = CachePlan.Create(texts, _metadata, options);
        var found = await Task.Run(() => _store.Lookup(plan.DistinctKeys, plan.Dimensions), cancellationToken).ConfigureAwait(false);
        var missing = plan.Missing(found);
        Statistics.CountHits(plan.CountHits(found));
        Statistics.CountMisses(missing.Count);
        if (missing.Count > 0)
        {
            var generated = await base.GenerateAsync([.. missing.Select(m => m.Text)], options, cancellationToken).ConfigureAwait(false);
            var entries = plan.Accept(missing, generated, found);
            await Task.Run(() => _store.Store(entries), CancellationToken.None).ConfigureAwait(false);
        }

        return plan.Assemble(found);
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(EmbeddingCacheStatistics) ? Statistics : base.GetService(serviceType, serviceKey);
    }
}
