using ContextMemory.Embeddings.Caching;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.AI;

/// <summary>Adds the persistent SQLite embedding cache to an <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/> pipeline.</summary>
public static class PersistentCacheBuilderExtensions
{
    /// <summary>Puts a <see cref="PersistentCachingEmbeddingGenerator"/> over <paramref name="path"/> in the pipeline.</summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="path">The cache file, chosen by the host.</param>
    /// <param name="loggerFactory">Receives warnings about damaged or unusable cache files.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UsePersistentCache(
        this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, string path, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new PersistentCachingEmbeddingGenerator(inner, path, loggerFactory?.CreateLogger<PersistentCachingEmbeddingGenerator>()));
    }
}
