using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore;

/// <summary>
/// A collection of a <see cref="FaissVectorStore"/>: records of type <typeparamref name="TRecord"/> in SQLite, and
/// one FAISS index per vector property.
/// </summary>
/// <typeparam name="TKey">The key type: <see cref="long"/>, <see cref="int"/>, <see cref="string"/> or <see cref="Guid"/>
/// (<see cref="object"/> for dynamic collections).</typeparam>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>
/// <para>Thread-safe. Collection objects are cheap and hold no resources of their own: every object of the same name in
/// one store shares the same open indexes. The index settings of the first object that opens the collection in this
/// process apply.</para>
/// <para>Operations are asynchronous in signature, but their SQLite and FAISS work runs synchronously on the calling
/// thread (as Microsoft.Data.Sqlite does); only embedding generation is truly asynchronous.</para>
/// <para>Scores: CosineSimilarity and DotProductSimilarity are similarities (higher is closer; cosine in [-1, 1]);
/// CosineDistance (1 - cosine, in [0, 2]), EuclideanDistance and EuclideanSquaredDistance are distances (lower is
/// closer). <see cref="VectorSearchOptions{TRecord}.ScoreThreshold"/> keeps results at or above a similarity threshold,
/// or at or below a distance threshold.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Mirrors the vector store API's naming (VectorStoreCollection).")]
public partial class FaissCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>, IKeywordHybridSearchable<TRecord>
    where TKey : notnull
    where TRecord : class
{
    private readonly FaissVectorStore _store;
    private readonly FaissIndexOptions _indexOptions;
    private readonly StoredSchema _requestedSchema;
    private readonly VectorStoreCollectionMetadata _metadata;
    private readonly DataPropertyModel[] _floatingPointData;
    private RecordBinding? _binding;

    /// <summary>Creates a collection object (no I/O).</summary>
    /// <param name="store">The store.</param>
    /// <param name="name">The collection name (any printable text up to 256 characters).</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="ArgumentException">The name, the schema or an option is invalid.</exception>
    /// <exception cref="NotSupportedException">A key, data or vector type, distance function or index kind is not supported,
    /// or <typeparamref name="TRecord"/> is a dictionary (use <see cref="FaissVectorStore.GetDynamicCollection"/>).</exception>
    public FaissCollection(FaissVectorStore store, string name, FaissCollectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        CollectionNames.Validate(name);
        options ??= new FaissCollectionOptions();
        if (typeof(TRecord) == typeof(Dictionary<string, object?>) && typeof(TKey) != typeof(object))
        {
            throw new NotSupportedException(VectorStoreErrors.DictionaryNeedsDynamicCollection);
        }

        _store = store;
        _indexOptions = options.Index ?? store.Options.Index;
        _indexOptions.Validate();
        Name = name;
        Model = FaissModelBuilder.Build(typeof(TRecord), typeof(TKey), options, store.Options.EmbeddingGenerator);
        _requestedSchema = Model.ToStoredSchema();
        _floatingPointData = DataChecks.FloatingPointProperties(Model);
        _metadata = new VectorStoreCollectionMetadata
        {
            VectorStoreSystemName = StoreFailures.SystemName,
            VectorStoreName = store.Directory,
            CollectionName = name,
        };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The record model this collection maps.</summary>
    internal RecordModel Model { get; }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        _store.CollectionExistsAsync(Name, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Creates the tables when missing. When the collection exists, checks that this record type is compatible
    /// with it; new plain data properties are added as columns.</remarks>
    /// <exception cref="InvalidOperationException">The collection exists with an incompatible schema.</exception>
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) =>
        RunAsync("EnsureCollectionExists", async () =>
        {
            var state = await _store.EnsureStateAsync(Name, _requestedSchema, _indexOptions, cancellationToken).ConfigureAwait(false);
            _ = BindingFor(state);
        });

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        _store.EnsureCollectionDeletedAsync(Name, cancellationToken);

    /// <summary>
    /// Writes the index checkpoints of this collection (after bringing every index to its planned kind), so a restart
    /// loads them instead of replaying changes.
    /// </summary>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>A task that completes when the checkpoints are on disk.</returns>
    public Task CheckpointAsync(CancellationToken cancellationToken = default) =>
        RunAsync("Checkpoint", async () =>
        {
            var (state, _) = await RequireAsync(cancellationToken).ConfigureAwait(false);
            await state.CheckpointAsync(cancellationToken).ConfigureAwait(false);
        });

    /// <summary>
    /// Erases deleted data of the whole store (see <see cref="FaissVectorStore.CompactAsync"/>): afterwards no byte of a
    /// deleted record's text or vectors remains in any file of the store directory.
    /// </summary>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>A task that completes when the store is compacted.</returns>
    public Task CompactAsync(CancellationToken cancellationToken = default) => _store.CompactAsync(cancellationToken);

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(VectorStoreCollectionMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(FaissVectorStore))
        {
            return _store;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>The open state and the binding of this model to it; throws when the collection does not exist.</summary>
    private protected async ValueTask<(CollectionState State, RecordBinding Binding)> RequireAsync(CancellationToken cancellationToken)
    {
        var state = await _store.OpenStateAsync(Name, _indexOptions, cancellationToken).ConfigureAwait(false)
            ?? throw new CollectionMissingException(VectorStoreErrors.CollectionDoesNotExist(Name));
        return (state, BindingFor(state));
    }

    private protected Task RunAsync(string operation, Func<Task> body) =>
        StoreFailures.RunAsync(_store.Directory, Name, operation, body);

    private protected Task<T> RunAsync<T>(string operation, Func<Task<T>> body) =>
        StoreFailures.RunAsync(_store.Directory, Name, operation, body);

    private RecordBinding BindingFor(CollectionState state)
    {
        var binding = Volatile.Read(ref _binding);
        if (binding is null || !ReferenceEquals(binding.Entry, state.Entry))
        {
            // The same compatibility check as EnsureCollectionExistsAsync: an object whose vectors have other dimensions
            // would otherwise commit vectors of the wrong length, which no index can load again, and one with another key
            // type would read keys it cannot convert.
            _ = SchemaReconciler.NewDataColumns(Name, state.Entry.Schema, _requestedSchema);
            binding = new RecordBinding(Model, state.Entry);
            Volatile.Write(ref _binding, binding);
        }

        return binding;
    }
}
