using System.Runtime.CompilerServices;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore;

/// <summary>
/// A vector store in one directory: SQLite (<c>store.db</c>) holds every collection's records, data properties and
/// raw vectors and is the source of truth; each vector property of each collection has its own FAISS index, kept in
/// memory and checkpointed to <c>indexes/</c>.
/// </summary>
/// <remarks>
/// <para>Thread-safe: use one instance per directory and process, for the lifetime of the application. Searches run
/// in parallel; writes to one collection are serialised. Several processes may open the same directory: writes are
/// coordinated through SQLite's file locks and every process sees the others' committed writes by its next
/// operation.</para>
/// <para>Disposing writes index checkpoints for unsaved changes so the next start does not replay them; it is not
/// needed for durability (every acknowledged write is committed to SQLite first).</para>
/// </remarks>
public sealed partial class FaissVectorStore : Microsoft.Extensions.VectorData.VectorStore
{
    private readonly ILogger _logger;
    private readonly VectorStoreMetadata _metadata;
    private bool _disposed;

    /// <summary>Opens (creating when needed) the store in <paramref name="directory"/>.</summary>
    /// <param name="directory">The store directory; created when missing.</param>
    /// <param name="options">Options; null for <see cref="FaissVectorStoreOptions.Default"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty, or an option is out of range.</exception>
    /// <exception cref="VectorStoreException">The directory or database cannot be opened.</exception>
    public FaissVectorStore(string directory, FaissVectorStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Options = options ?? FaissVectorStoreOptions.Default;
        Options.Index.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Options.BusyTimeout, TimeSpan.Zero, nameof(options));
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException(VectorStoreErrors.BigEndianNotSupported);
        }

        _logger = Options.LoggerFactory?.CreateLogger<FaissVectorStore>() ?? NullLogger<FaissVectorStore>.Instance;
        var fullPath = Path.GetFullPath(directory);
        Database = StoreFailures.Run(fullPath, null, "Open", () =>
            new StoreDatabase(fullPath, Options.Durability == FaissStoreDurability.Full, Options.BusyTimeout));
        Checkpoints = new CheckpointFiles(Database, _logger);
        StoreFailures.Run(fullPath, null, "Open", () =>
        {
            Checkpoints.DeleteLeftovers(includeQuarantine: false);
            return true;
        });
        _metadata = new VectorStoreMetadata { VectorStoreSystemName = StoreFailures.SystemName, VectorStoreName = Database.Directory };
    }

    /// <summary>The full path of the store directory.</summary>
    public string Directory => Database.Directory;

    /// <summary>The options the store was opened with.</summary>
    public FaissVectorStoreOptions Options { get; }

    internal StoreDatabase Database { get; }

    internal CheckpointFiles Checkpoints { get; }

    internal ILogger Logger => _logger;

    /// <summary>Gets a collection of records typed <typeparamref name="TRecord"/> keyed by <typeparamref name="TKey"/> (no I/O).</summary>
    /// <typeparam name="TKey">long, int, string or Guid.</typeparam>
    /// <typeparam name="TRecord">The record type; its schema comes from attributes unless <paramref name="definition"/> is given.</typeparam>
    /// <param name="name">The collection name (any printable text up to 256 characters).</param>
    /// <param name="definition">A code-first schema that wins over attributes.</param>
    /// <returns>The collection object; the collection itself may not exist yet.</returns>
    /// <exception cref="ArgumentException">The name or schema is invalid.</exception>
    /// <exception cref="NotSupportedException">A type, distance function or index kind of the schema is not supported.</exception>
    public override VectorStoreCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null) =>
        new FaissCollection<TKey, TRecord>(this, name, new FaissCollectionOptions { Definition = definition });

    /// <summary>Gets a collection with FAISS-specific options (no I/O).</summary>
    /// <typeparam name="TKey">long, int, string or Guid.</typeparam>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="name">The collection name.</param>
    /// <param name="options">Collection options (definition, embedding generator, index settings).</param>
    /// <returns>The collection object.</returns>
    public FaissCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, FaissCollectionOptions options)
        where TKey : notnull
        where TRecord : class =>
        new(this, name, options);

    /// <summary>Gets a collection of <c>Dictionary&lt;string, object?&gt;</c> records described by <paramref name="definition"/> (no I/O).</summary>
    /// <param name="name">The collection name.</param>
    /// <param name="definition">The schema; every property must carry its Type.</param>
    /// <returns>The collection object.</returns>
    public override VectorStoreCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition) =>
        new FaissDynamicCollection(this, name, new FaissCollectionOptions { Definition = definition });

    /// <inheritdoc />
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var names = StoreFailures.Run(Directory, null, "ListCollectionNames", () =>
        {
            using var lease = Database.Pool.Rent();
            return CollectionCatalog.ListNames(lease.Connection);
        });
        foreach (var name in names)
        {
            yield return name;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CollectionNames.Validate(name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(StoreFailures.Run(Directory, name, "CollectionExists", () =>
        {
            using var lease = Database.Pool.Rent();
            return CollectionCatalog.Find(lease.Connection, name) is not null;
        }));
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CollectionNames.Validate(name);
        return StoreFailures.RunAsync(Directory, name, "EnsureCollectionDeleted", () => DropAsync(name, cancellationToken));
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(VectorStoreMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _disposed = true;
            DisposeCollections();
            Database.Dispose();
        }

        base.Dispose(disposing);
    }
}
