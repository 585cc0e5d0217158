using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore;

/// <summary>Options of a <see cref="FaissVectorStore"/>.</summary>
/// <remarks>Read when the store is created; later changes have no effect.</remarks>
public sealed class FaissVectorStoreOptions
{
    /// <summary>The defaults.</summary>
    public static FaissVectorStoreOptions Default { get; } = new();

    /// <summary>
    /// Embedding generator for vector properties whose values are not vectors (for example <c>string</c>), used when
    /// neither the property, the definition nor the collection options name one (the most specific wins).
    /// </summary>
    public IEmbeddingGenerator? EmbeddingGenerator { get; init; }

    /// <summary>Where the store logs warnings (rebuilt or quarantined indexes) and maintenance; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Index settings for every collection that does not set its own. Defaults to <see cref="FaissIndexOptions.Default"/>.</summary>
    public FaissIndexOptions Index { get; init; } = FaissIndexOptions.Default;

    /// <summary>How commits reach the disk. Defaults to <see cref="FaissStoreDurability.Full"/>.</summary>
    public FaissStoreDurability Durability { get; init; } = FaissStoreDurability.Full;

    /// <summary>How long a write waits for another process's write transaction before failing. Defaults to 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What to do when the database is lost: <c>store.db</c> is missing or empty while index checkpoints or quarantined
    /// files remain, or checkpoints name collections the database never had. False (the default): the store refuses to
    /// open with a <see cref="Microsoft.Extensions.VectorData.VectorStoreException"/>. True: the files the database cannot account for are
    /// deleted (with a warning) and the store opens on the database there is, a new empty one when it was missing or empty.
    /// </summary>
    public bool StartOverWhenDatabaseIsLost { get; init; }
}
