using System.Runtime.CompilerServices;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Records;
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
/// needed for durability (every acknowledged write is committed to SQLite first), so a checkpoint that cannot be
/// written is logged, not thrown.</para>
/// <para>The store reads, writes and deletes only inside its directory and never through a symbolic link found there;
/// see <c>docs/vector-store.md</c> ("Errors and the file system") for what it refuses and what it repairs.</para>
/// </remarks>
public sealed class FaissVectorStore : Microsoft.Extensions.VectorData.VectorStore, IVectorStoreCompaction
{
    /// <summary>
    /// The most dimensions a vector property may have (65,536, a 256 KiB vector): a collection object with more is refused
    /// with <see cref="NotSupportedException"/> when it is made. Embedding models stay far below it (3,072 for the largest
    /// OpenAI model).
    /// </summary>
    public const int MaxDimensions = FaissModelBuilder.MaxDimensions;

    private readonly ILogger _logger;
    private readonly VectorStoreMetadata _metadata;
    private readonly CollectionRegistry _collections;
    private readonly StoreMaintenance _maintenance;
    private bool _disposed;

    /// <summary>Opens (creating when needed) the store in <paramref name="directory"/>.</summary>
    /// <param name="directory">The store directory; created when missing.</param>
    /// <param name="options">Options; null for <see cref="FaissVectorStoreOptions.Default"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty, or an option is out of range.</exception>
    /// <exception cref="VectorStoreException">
    /// The directory or database cannot be opened, or is refused before anything in it is changed: the database was
    /// lost (missing or empty under checkpoints it made, or replaced by one that never had their collections; see
    /// <see cref="FaissVectorStoreOptions.StartOverWhenDatabaseIsLost"/>), <c>store.db</c> is another program's
    /// database or not SQLite, a database file is a symbolic link, or a new store would be created in a directory of
    /// unrelated files. The inner exception is an <see cref="InvalidDataException"/> (an <see cref="IOException"/> for a
    /// link) whose message names the directory and what was found.
    /// </exception>
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
        var files = new StoreDirectory(directory, _logger);
        Database = StoreFailures.Run(files.Root, null, "Open", () => StoreOpening.Open(
            files, Options.Durability == FaissStoreDurability.Full, Options.BusyTimeout, Options.StartOverWhenDatabaseIsLost, _logger));
        var leftovers = new LeftoverFiles(files);
        Checkpoints = new CheckpointFiles(files, _logger);
        _collections = new CollectionRegistry(Database, Checkpoints, leftovers, _logger);
        _maintenance = new StoreMaintenance(Database, _collections, leftovers, Checkpoints, Options.Index);
        _metadata = new VectorStoreMetadata { VectorStoreSystemName = StoreFailures.SystemName, VectorStoreName = Database.Directory };
    }

    /// <summary>The full path of the store directory.</summary>
    public string Directory => Database.Directory;

    /// <summary>The options the store was opened with.</summary>
    public FaissVectorStoreOptions Options { get; }

    internal StoreDatabase Database { get; }

    internal CheckpointFiles Checkpoints { get; }

    internal ILogger Logger => _logger;

    /// <summary>True once the store was disposed.</summary>
    internal bool IsDisposed => Volatile.Read(ref _disposed);

    /// <summary>
    /// Writes index checkpoints of every open collection and folds SQLite's write-ahead log into the database, so a
    /// restart has nothing to replay.
    /// </summary>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>A task that completes when the checkpoints are on disk.</returns>
    /// <exception cref="VectorStoreException">A file or the database could not be written.</exception>
    public Task CheckpointAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return StoreFailures.RunAsync(Directory, null, "Checkpoint", () => _maintenance.CheckpointAsync(cancellationToken));
    }

    /// <summary>
    /// Erases deleted data from every file of the store: removes deleted vectors from every index (rebuilding the
    /// kinds that cannot remove), rewrites the index checkpoints, empties the removal logs, rebuilds the database
    /// file (VACUUM, with SQLite's secure delete on), truncates the write-ahead log, and deletes quarantined and
    /// temporary files. Afterwards no byte of a deleted record's text or vectors remains in the store directory.
    /// </summary>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>A task that completes when the store is compacted.</returns>
    /// <remarks>
    /// Takes time proportional to the whole store; writers wait while the database file is rebuilt. Deletes only inside
    /// the store directory and never through a symbolic link (a link in the quarantine is deleted as a link).
    /// </remarks>
    /// <exception cref="VectorStoreException">A file or the database could not be written.</exception>
    public Task CompactAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return StoreFailures.RunAsync(Directory, null, "Compact", () => _maintenance.CompactAsync(cancellationToken));
    }

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

    /// <summary>The open state of an existing collection; null when the collection does not exist.</summary>
    internal ValueTask<CollectionState?> OpenStateAsync(string name, FaissIndexOptions indexOptions, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _collections.OpenAsync(name, indexOptions, cancellationToken);
    }

    /// <summary>Creates the collection when missing (or adds new plain data columns), then opens it.</summary>
    internal ValueTask<CollectionState> EnsureStateAsync(
        string name, StoredSchema requested, FaissIndexOptions indexOptions, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _collections.EnsureAsync(name, requested, indexOptions, cancellationToken);
    }

    /// <summary>Deletes the collection's tables, catalog row and index files; no-op when missing.</summary>
    internal Task DropAsync(string name, CancellationToken cancellationToken) => _collections.DropAsync(name, cancellationToken);

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

    /// <summary>
    /// Closes the store: writes the last index checkpoints, then releases every index, connection and file. Never
    /// fails for a checkpoint it could not write (a full or read-only disk): that is logged as a warning, since the
    /// database holds every change and the next open replays them. Idempotent.
    /// </summary>
    /// <param name="disposing">True when called from <see cref="IDisposable.Dispose"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _disposed = true;
            try
            {
                _collections.Dispose();
            }
            finally
            {
                Database.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
