using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore;

/// <summary>
/// What the collaborators of one <see cref="FaissCollection{TKey, TRecord}"/> object share: the store, the collection's
/// name, record model and index settings, and the binding of the model to the collection's current tables.
/// </summary>
/// <remarks>Thread-safe; holds no resources (the open indexes belong to the store's <see cref="CollectionState"/>).</remarks>
internal sealed class CollectionContext
{
    private readonly StoredSchema _requestedSchema;
    private RecordBinding? _binding;

    public CollectionContext(FaissVectorStore store, string name, RecordModel model, FaissIndexOptions indexOptions)
    {
        Store = store;
        Name = name;
        Model = model;
        IndexOptions = indexOptions;
        _requestedSchema = model.ToStoredSchema();
        FloatingPointData = DataChecks.FloatingPointProperties(model);
    }

    public FaissVectorStore Store { get; }

    public string Name { get; }

    public RecordModel Model { get; }

    /// <summary>The index settings this object opens the collection with (the first opener's apply).</summary>
    public FaissIndexOptions IndexOptions { get; }

    /// <summary>The data properties whose values are checked before a write (float and double ones).</summary>
    public IReadOnlyList<DataPropertyModel> FloatingPointData { get; }

    public StoreDatabase Database => Store.Database;

    /// <summary>Creates the collection when missing (or adds new plain data columns) and checks this model against it.</summary>
    public async Task EnsureExistsAsync(CancellationToken cancellationToken)
    {
        var state = await Store.EnsureStateAsync(Name, _requestedSchema, IndexOptions, cancellationToken).ConfigureAwait(false);
        _ = BindingFor(state);
    }

    /// <summary>The open state and the binding of this model to it.</summary>
    /// <exception cref="CollectionMissingException">The collection does not exist.</exception>
    public async ValueTask<(CollectionState State, RecordBinding Binding)> RequireAsync(CancellationToken cancellationToken)
    {
        var state = await Store.OpenStateAsync(Name, IndexOptions, cancellationToken).ConfigureAwait(false)
            ?? throw Missing();
        return (state, BindingFor(state));
    }

    /// <summary>As <see cref="RequireAsync"/>, with the indexes caught up with every commit so far (for searches).</summary>
    /// <exception cref="CollectionMissingException">The collection does not exist.</exception>
    public async ValueTask<(CollectionState State, RecordBinding Binding)> RequireCurrentAsync(CancellationToken cancellationToken)
    {
        var (state, binding) = await RequireAsync(cancellationToken).ConfigureAwait(false);
        return await state.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false) ? (state, binding) : throw Missing();
    }

    /// <summary>
    /// Runs an operation of this collection, turning storage failures into <c>VectorStoreException</c>. An operation that
    /// fails because the collection was deleted while it ran (its indexes released, its tables dropped under a statement)
    /// fails with the documented missing-collection error, like one that starts after the delete.
    /// </summary>
    public Task RunAsync(string operation, Func<Task> body) => RunAsync(operation, async () =>
    {
        await body().ConfigureAwait(false);
        return true;
    });

    /// <inheritdoc cref="RunAsync(string, Func{Task})"/>
    public Task<T> RunAsync<T>(string operation, Func<Task<T>> body) => StoreFailures.RunAsync(Store.Directory, Name, operation, async () =>
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDeletedUnderneath(ex))
        {
            throw new CollectionMissingException(VectorStoreErrors.CollectionDoesNotExist(Name), ex);
        }
    });

    private CollectionMissingException Missing() => new(VectorStoreErrors.CollectionDoesNotExist(Name));

    /// <summary>
    /// Whether <paramref name="failure"/> is what a delete racing with the operation leaves behind: a released index or
    /// state, a dropped table, a released native index — while the store is open and the collection is indeed gone.
    /// </summary>
    private bool IsDeletedUnderneath(Exception failure)
    {
        if (failure is not (ObjectDisposedException or Microsoft.Data.Sqlite.SqliteException or Faiss.FaissException) || Store.IsDisposed)
        {
            return false;
        }

        using var lease = Database.Pool.Rent();
        return CollectionCatalog.Find(lease.Connection, Name) is null;
    }

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
