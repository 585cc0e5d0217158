using Microsoft.Extensions.VectorData;

namespace ContextMemory.Storage;

/// <summary>
/// Where memories live in the store: which collection holds a scope's memories. The service reaches memories only
/// through this, so a layout with a collection per scope can replace the shared one without touching the service.
/// </summary>
internal interface IMemoryLayout
{
    /// <summary>The collection holding the memories a scope selects (queries still filter by the scope).</summary>
    VectorStoreCollection<Guid, MemoryEntity> For(MemoryScope scope);

    /// <summary>Every memory collection (host-level export and statistics).</summary>
    IReadOnlyList<VectorStoreCollection<Guid, MemoryEntity>> All { get; }

    /// <summary>Creates the collections that must exist.</summary>
    Task EnsureExistsAsync(CancellationToken cancellationToken);
}
