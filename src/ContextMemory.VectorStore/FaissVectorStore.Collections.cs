using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore;

/// <content>
/// The open collections: one <see cref="CollectionState"/> per name, shared by every collection object of that
/// name, opened on first use and dropped with the collection.
/// </content>
public sealed partial class FaissVectorStore
{
    private readonly Lock _slotsGate = new();
    private readonly Dictionary<string, CollectionSlot> _slots = new(StringComparer.Ordinal);

    /// <summary>The open state of an existing collection; null when the collection does not exist.</summary>
    internal async ValueTask<CollectionState?> OpenStateAsync(string name, FaissIndexOptions indexOptions, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
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
            using (var lease = Database.Pool.Rent())
            {
                entry = CollectionCatalog.Find(lease.Connection, name);
            }

            if (entry is null)
            {
                return null;
            }

            slot.State = CollectionState.Open(Database, Checkpoints, Logger, entry, indexOptions, cancellationToken);
            return slot.State;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Creates the collection when missing (or adds new plain data columns), then opens it.</summary>
    internal async ValueTask<CollectionState> EnsureStateAsync(
        string name, StoredSchema requested, FaissIndexOptions indexOptions, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var slot = Slot(name);
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ReleaseDropped(slot);
            CollectionEntry entry;
            using (var lease = Database.Pool.Rent())
            using (var transaction = lease.Connection.Connection.BeginTransaction(deferred: false))
            {
                var existing = CollectionCatalog.Find(lease.Connection, name, transaction);
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
            }

            if (slot.State is { } state && state.Entry.Id == entry.Id && state.Entry.Uid == entry.Uid)
            {
                state.UpdateSchema(entry);
                return state;
            }

            ReleaseState(slot);
            slot.State = CollectionState.Open(Database, Checkpoints, Logger, entry, indexOptions, cancellationToken);
            return slot.State;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Deletes the collection's tables, catalog row and index files; no-op when missing.</summary>
    internal async Task DropAsync(string name, CancellationToken cancellationToken)
    {
        var slot = Slot(name);
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = slot.State;
            if (state is not null)
            {
                await state.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            CollectionEntry? entry;
            try
            {
                using var lease = Database.Pool.Rent();
                using var transaction = lease.Connection.Connection.BeginTransaction(deferred: false);
                entry = CollectionCatalog.Find(lease.Connection, name, transaction);
                if (entry is not null)
                {
                    CollectionCatalog.Drop(lease.Connection, entry, transaction);
                }

                transaction.Commit();
                state?.MarkDropped();
            }
            finally
            {
                state?.WriteLock.Release();
            }

            ReleaseState(slot);
            if (entry is not null)
            {
                Checkpoints.DeleteAll(entry.Id);
            }
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Every collection's state, opening the ones not open yet.</summary>
    internal async Task<List<CollectionState>> OpenAllAsync(CancellationToken cancellationToken)
    {
        List<string> names;
        using (var lease = Database.Pool.Rent())
        {
            names = CollectionCatalog.ListNames(lease.Connection);
        }

        var states = new List<CollectionState>();
        foreach (var name in names)
        {
            var state = Slot(name).State is { IsDropped: false } open
                ? open
                : await OpenStateAsync(name, Options.Index, cancellationToken).ConfigureAwait(false);
            if (state is not null)
            {
                states.Add(state);
            }
        }

        return states;
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
        slot.State?.Dispose();
        slot.State = null;
    }

    private void DisposeCollections()
    {
        List<CollectionSlot> slots;
        lock (_slotsGate)
        {
            slots = [.. _slots.Values];
            _slots.Clear();
        }

        foreach (var slot in slots)
        {
            slot.Gate.Wait();
            try
            {
                ReleaseState(slot);
            }
            finally
            {
                slot.Gate.Release();
            }
        }
    }

    private sealed class CollectionSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public CollectionState? State { get; set; }
    }
}
