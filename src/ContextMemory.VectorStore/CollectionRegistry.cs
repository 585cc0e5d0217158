using System.Runtime.ExceptionServices;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore;

/// <summary>
/// The open collections of a store: one <see cref="CollectionState"/> per name, shared by every collection object of
/// that name, opened on first use, dropped with the collection, and closed with the store.
/// </summary>
/// <remarks>Thread-safe: one gate per name serialises opening, creating, dropping and closing that collection.</remarks>
internal sealed class CollectionRegistry : IDisposable
{
    private readonly Lock _slotsGate = new();
    private readonly Dictionary<string, CollectionSlot> _slots = new(StringComparer.Ordinal);
    private readonly StoreDatabase _database;
    private readonly CheckpointFiles _checkpoints;
    private readonly LeftoverFiles _leftovers;
    private readonly ILogger _logger;

    public CollectionRegistry(StoreDatabase database, CheckpointFiles checkpoints, LeftoverFiles leftovers, ILogger logger)
    {
        _database = database;
        _checkpoints = checkpoints;
        _leftovers = leftovers;
        _logger = logger;
    }

    /// <summary>The open state of an existing collection; null when the collection does not exist.</summary>
    public async ValueTask<CollectionState?> OpenAsync(string name, FaissIndexOptions indexOptions, CancellationToken cancellationToken)
    {
        var slot = Slot(name);
        if (slot.State is { IsDropped: false } open)
        {
            return open;
        }

        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (slot.State is { IsDropped: false } state)
            {
                return state;
            }

            ReleaseDropped(slot);
            CollectionEntry? entry;
            using (var lease = _database.Pool.Rent())
            {
                entry = CollectionCatalog.Find(lease.Connection, name);
            }

            if (entry is null)
            {
                return null;
            }

            slot.State = CollectionState.Open(_database, _checkpoints, _logger, entry, indexOptions, cancellationToken);
            return slot.State;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Creates the collection when missing (or adds new plain data columns), then opens it.</summary>
    public async ValueTask<CollectionState> EnsureAsync(
        string name, StoredSchema requested, FaissIndexOptions indexOptions, CancellationToken cancellationToken)
    {
        var slot = Slot(name);
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ReleaseDropped(slot);
            var entry = CreateOrExtend(name, requested);
            if (slot.State is { } state && state.Entry.Id == entry.Id && state.Entry.Uid == entry.Uid)
            {
                state.UpdateSchema(entry);
                return state;
            }

            // A state of another collection of this name (deleted and created again by another process) is gone for the
            // operations still holding it: they see a missing collection, as after a delete here.
            slot.State?.MarkDropped();
            ReleaseState(slot);
            slot.State = CollectionState.Open(_database, _checkpoints, _logger, entry, indexOptions, cancellationToken);
            return slot.State;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Deletes the collection's tables, catalog row and index files; no-op when missing.</summary>
    public async Task DropAsync(string name, CancellationToken cancellationToken)
    {
        var slot = Slot(name);
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = await DropFromCatalogAsync(name, slot.State, cancellationToken).ConfigureAwait(false);
            ReleaseState(slot);
            if (entry is not null)
            {
                _leftovers.DeleteCheckpoints(entry.Id);
            }
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Every collection's state, opening the ones not open yet.</summary>
    public async Task<List<CollectionState>> OpenAllAsync(FaissIndexOptions indexOptions, CancellationToken cancellationToken)
    {
        List<string> names;
        using (var lease = _database.Pool.Rent())
        {
            names = CollectionCatalog.ListNames(lease.Connection);
        }

        var states = new List<CollectionState>();
        foreach (var name in names)
        {
            var state = Slot(name).State is { IsDropped: false } open
                ? open
                : await OpenAsync(name, indexOptions, cancellationToken).ConfigureAwait(false);
            if (state is not null)
            {
                states.Add(state);
            }
        }

        return states;
    }

    /// <summary>
    /// Closes every open collection (each writes its last checkpoint, or logs why it could not). Every collection is
    /// closed even when one fails; the first failure is rethrown afterwards.
    /// </summary>
    public void Dispose()
    {
        List<CollectionSlot> slots;
        lock (_slotsGate)
        {
            slots = [.. _slots.Values];
            _slots.Clear();
        }

        ExceptionDispatchInfo? first = null;
        foreach (var slot in slots)
        {
            slot.Gate.Wait();
            try
            {
                ReleaseState(slot);
            }
            catch (Exception ex)
            {
                first ??= ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                slot.Gate.Release();
            }
        }

        first?.Throw();
    }

    private CollectionEntry CreateOrExtend(string name, StoredSchema requested)
    {
        using var lease = _database.Pool.Rent();
        using var transaction = lease.Connection.Connection.BeginTransaction(deferred: false);
        var existing = CollectionCatalog.Find(lease.Connection, name, transaction);
        CollectionEntry entry;
        if (existing is null)
        {
            entry = CollectionCatalog.Create(lease.Connection, name, requested, transaction);
        }
        else
        {
            var added = SchemaReconciler.NewDataColumns(name, existing.Schema, requested);
            entry = added.Count == 0 ? existing : CollectionCatalog.AddDataColumns(lease.Connection, existing, added, transaction);
        }

        transaction.Commit();
        return entry;
    }

    /// <summary>Removes the collection from the catalog under its write lock and marks its open state dropped.</summary>
    private async Task<CollectionEntry?> DropFromCatalogAsync(string name, CollectionState? state, CancellationToken cancellationToken)
    {
        if (state is not null)
        {
            await state.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            using var lease = _database.Pool.Rent();
            using var transaction = lease.Connection.Connection.BeginTransaction(deferred: false);
            var entry = CollectionCatalog.Find(lease.Connection, name, transaction);
            if (entry is not null)
            {
                CollectionCatalog.Drop(lease.Connection, entry, transaction);
            }

            transaction.Commit();
            state?.MarkDropped();
            return entry;
        }
        finally
        {
            state?.WriteLock.Release();
        }
    }

    private CollectionSlot Slot(string name)
    {
        lock (_slotsGate)
        {
            if (!_slots.TryGetValue(name, out var slot))
            {
                slot = new CollectionSlot();
                _slots.Add(name, slot);
            }

            return slot;
        }
    }

    private static void ReleaseDropped(CollectionSlot slot)
    {
        if (slot.State is { IsDropped: true })
        {
            ReleaseState(slot);
        }
    }

    private static void ReleaseState(CollectionSlot slot)
    {
        var state = slot.State;
        slot.State = null;
        state?.Dispose();
    }

    private sealed class CollectionSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public CollectionState? State { get; set; }
    }
}
