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
    public Task EnsureExistsAsync(CancellationToken cancellationToken) =>
        StoreFailures.RunAsync(Store.Directory, Name, "EnsureCollectionExists", async () =>
        {
            var state = await Store.EnsureStateAsync(Name, _requestedSchema, IndexOptions, cancellationToken).ConfigureAwait(false);
            _ = BindingFor(state);
        });

    /// <summary>
    /// Binds an operation to the collection as it stands when the operation starts: the open state of that very
    /// collection and the binding of this model to it. Every later step of the operation runs on that state through
    /// <see cref="RunAsync{T}(string, ValueTuple{CollectionState, RecordBinding}, Func{Task{T}})"/>, so a collection
    /// deleted and created again under the same name meanwhile is never read or written by it.
    /// </summary>
    /// <exception cref="Microsoft.Extensions.VectorData.VectorStoreException">The collection does not exist.</exception>
    public Task<(CollectionState State, RecordBinding Binding)> BindAsync(string operation, CancellationToken cancellationToken) =>
        StoreFailures.RunAsync(Store.Directory, Name, operation, async () =>
        {
            var state = await Store.OpenStateAsync(Name, IndexOptions, cancellationToken).ConfigureAwait(false)
                ?? throw Missing();
            return (state, BindingFor(state));
        });

    /// <summary>Binds the operation (see <see cref="BindAsync"/>) and runs all of it on the state it is bound to.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<CollectionState, RecordBinding, Task<T>> body, CancellationToken cancellationToken)
    {
        var bound = await BindAsync(operation, cancellationToken).ConfigureAwait(false);
        return await RunAsync(operation, bound, () => body(bound.State, bound.Binding)).ConfigureAwait(false);
    }

    /// <inheritdoc cref="RunAsync{T}(string, Func{CollectionState, RecordBinding, Task{T}}, CancellationToken)"/>
    public Task RunAsync(string operation, Func<CollectionState, RecordBinding, Task> body, CancellationToken cancellationToken) =>
        RunAsync(operation, async (state, binding) =>
        {
            await body(state, binding).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Runs a step of an operation bound to <paramref name="bound"/>, turning storage failures into
    /// <c>VectorStoreException</c>. A step that fails because that collection was deleted while it ran (its indexes
    /// released, its tables dropped under a statement), or that starts after it was, fails with the documented
    /// missing-collection error, whether or not a collection of the same name exists by then.
    /// </summary>
    public Task<T> RunAsync<T>(string operation, (CollectionState State, RecordBinding Binding) bound, Func<Task<T>> body) =>
        StoreFailures.RunAsync(Store.Directory, Name, operation, async () =>
        {
            if (bound.State.IsDropped)
            {
                throw Missing();
            }

            try
            {
                return await body().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not CollectionMissingException && !Store.IsDisposed && bound.State.WasDeletedUnder(ex))
            {
                throw new CollectionMissingException(VectorStoreErrors.CollectionDoesNotExist(Name), ex);
            }
        });

    /// <summary>Catches the indexes of <paramref name="state"/> up with every commit so far (for searches).</summary>
    /// <exception cref="CollectionMissingException">The collection was deleted.</exception>
    public async ValueTask RequireCurrentAsync(CollectionState state, CancellationToken cancellationToken)
    {
        if (!await state.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false))
        {
            throw Missing();
        }
    }

    private CollectionMissingException Missing() => new(VectorStoreErrors.CollectionDoesNotExist(Name));

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
