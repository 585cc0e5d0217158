using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using ContextMemory.VectorData.Tests.Support.Records;

namespace ContextMemory.VectorData.Tests.Support;

/// <summary>
/// A dictionary-backed collection that implements only the single-record operations, to observe what the base class's
/// batch overloads do with them.
/// </summary>
public sealed class SingleOperationNotes : VectorStoreCollection<Guid, Note>
{
    private readonly Dictionary<Guid, Note> _records;

    public SingleOperationNotes(params Note[] records) => _records = records.ToDictionary(r => r.Id);

    public List<Guid> SingleGets { get; } = [];

    public List<Guid> SingleDeletes { get; } = [];

    public bool Disposed { get; private set; }

    public override string Name => "counting";

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        _records.Clear();
        return Task.CompletedTask;
    }

    public override Task<Note?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SingleGets.Add(key);
        return Task.FromResult(_records.GetValueOrDefault(key));
    }

    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default)
    {
        SingleDeletes.Add(key);
        _records.Remove(key);
        return Task.CompletedTask;
    }

    public override Task UpsertAsync(Note record, CancellationToken cancellationToken = default)
    {
        _records[record.Id] = record;
        return Task.CompletedTask;
    }

    public override async Task UpsertAsync(IEnumerable<Note> records, CancellationToken cancellationToken = default)
    {
        foreach (var record in records)
        {
            await UpsertAsync(record, cancellationToken);
        }
    }

    public override async IAsyncEnumerable<Note> GetAsync(
        Expression<Func<Note, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<Note>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var record in _records.Values.Where(filter.Compile()).Take(top))
        {
            yield return record;
        }
    }

    public override IAsyncEnumerable<VectorSearchResult<Note>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<Note>? options = null,
        CancellationToken cancellationToken = default)
        => throw new NotSupportedException("This test double does not search.");

    public override object? GetService(Type serviceType, object? serviceKey = null)
        => serviceType == typeof(VectorStoreCollectionMetadata) ? new VectorStoreCollectionMetadata { CollectionName = Name }
            : serviceType.IsInstanceOfType(this) ? this
            : null;

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
