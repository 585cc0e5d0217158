using System.Runtime.CompilerServices;
using ContextMemory.Diagnostics;
using ContextMemory.Recall;
using ContextMemory.Storage;
using ContextMemory.Writing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.VectorData;

namespace ContextMemory;

/// <summary>
/// Long-term memory on any VectorData <see cref="VectorStore"/>: remember, recall, get, list, update, forget and history,
/// every operation within a <see cref="MemoryScope"/>.
/// </summary>
/// <remarks>
/// <para>Thread-safe; use one instance per store for the application's lifetime. Writes (remember, update, forget,
/// import and the last-accessed times recall records) are serialised inside the instance, so the merge check and the
/// write that follows it see the same state; reads run concurrently. Two service instances (or processes) on one store
/// do not serialise against each other.</para>
/// <para>The service opens its collections on first use: it records the embedder's model id and dimension in the store
/// and throws <see cref="MemoryStoreMismatchException"/> on every call when the store was created with another.</para>
/// <para>Scopes are a security boundary: an id from another scope is reported as not found and nothing of it is read,
/// changed or revealed. The service does not own the store or the embedder; dispose them yourself.</para>
/// </remarks>
public sealed class MemoryService : IAsyncDisposable
{
    private const int ImportBatch = 256;

    private readonly VectorStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly MemoryServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly InputChecks _checks;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _openLock = new(1, 1);
    private State? _state;

    /// <summary>Creates the service; nothing is read or written until the first operation.</summary>
    /// <param name="store">The vector store holding the memories (FAISS by default; any VectorData connector works).</param>
    /// <param name="embedder">The embedder; its model id and dimension are recorded in the store.</param>
    /// <param name="options">Settings, or the defaults.</param>
    /// <param name="timeProvider">The clock (for recency and timestamps), or the system clock.</param>
    /// <param name="loggerFactory">Logging, or none.</param>
    public MemoryService(
        VectorStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, MemoryServiceOptions? options = null,
        TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(embedder);
        _store = store;
        _embedder = embedder;
        _options = options ?? new MemoryServiceOptions();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MemoryService>();
        _checks = new InputChecks(_options);
    }

    /// <summary>The service's input checks: extraction refuses a fact the service would refuse before showing it to a model.</summary>
    internal InputChecks Checks => _checks;

    /// <summary>The settings the service runs with (extraction bounds its searches by the same limit).</summary>
    internal MemoryServiceOptions Options => _options;

    /// <summary>Remembers one text in <paramref name="scope"/>: adds it, or merges it into a near-identical memory of the same scope and kind.</summary>
    /// <param name="scope">The scope the memory belongs to (stored in full).</param>
    /// <param name="memory">The text and its attributes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The memory as stored and whether it was added or merged.</returns>
    /// <exception cref="MemoryScopeException">The scope is missing or has no part.</exception>
    /// <exception cref="MemoryInputException">The text, a label, the tags or the importance are refused; nothing was written.</exception>
    public async Task<RememberResult> RememberAsync(MemoryScope scope, NewMemory memory, CancellationToken cancellationToken = default) =>
        (await RememberManyAsync(scope, [memory], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Remembers several texts in order (embedded in one batch; a later one may merge into an earlier one).</summary>
    /// <param name="scope">The scope the memories belong to.</param>
    /// <param name="memories">The texts; all are validated before any is written.</param>
    /// <param name="cancellationToken">Cancels the call; memories already written stay.</param>
    /// <returns>One result per memory, in order.</returns>
    /// <exception cref="MemoryScopeException">The scope is missing or has no part.</exception>
    /// <exception cref="MemoryInputException">A memory is refused; nothing was written.</exception>
    public async Task<IReadOnlyList<RememberResult>> RememberManyAsync(
        MemoryScope scope, IEnumerable<NewMemory> memories, CancellationToken cancellationToken = default)
    {
        scope = MemoryScope.Require(scope);
        ArgumentNullException.ThrowIfNull(memories);
        using var operation = MemoryTelemetry.Start("remember");
        var state = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var prepared = memories.Select(m => state.Writer.Prepare(scope, m)).ToList();
        return await WriteAsync(async () =>
        {
            return await state.Writer.RememberAsync(scope, prepared, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds the memories of <paramref name="scope"/> that best answer <paramref name="query"/>.</summary>
    /// <param name="scope">The scope searched (the match rule of <see cref="MemoryScope"/>).</param>
    /// <param name="query">What to look for.</param>
    /// <param name="options">Limit, filters, connections and explanation, or the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The hits, best first (scores as documented on <see cref="MemoryHit.Score"/>), then connected memories.</returns>
    /// <exception cref="MemoryScopeException">The scope is missing or has no part.</exception>
    /// <exception cref="MemoryInputException">The query, limit, relevance or a filter is refused.</exception>
    public async Task<RecallResult> RecallAsync(MemoryScope scope, string query, RecallOptions? options = null, CancellationToken cancellationToken = default)
    {
        scope = MemoryScope.Require(scope);
        using var operation = MemoryTelemetry.Start("recall");
        var state = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        options ??= new RecallOptions();
        var hits = await state.Recall.RecallAsync(scope, query, options, now, cancellationToken).ConfigureAwait(false);
        if (_options.UpdateLastAccessedOnRecall && options.RecordAccess && hits.Count > 0)
        {
            await TouchAsync(state, scope, [.. hits.Where(h => !h.Hit.IsConnection).Select(h => h.Entity.Id)], now, cancellationToken).ConfigureAwait(false);
        }

        return new RecallResult { Hits = [.. hits.Select(h => h.Hit)], Elapsed = operation.Elapsed };
    }

    /// <summary>The memory with <paramref name="id"/>, if it exists in <paramref name="scope"/>.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The memory, or <see langword="null"/> when no memory with that id exists in the scope.</returns>
    /// <exception cref="MemoryScopeException">The scope is missing or has no part.</exception>
    public async Task<MemoryRecord?> GetAsync(MemoryScope scope, Guid id, CancellationToken cancellationToken = default)
    {
        scope = MemoryScope.Require(scope);
        using var operation = MemoryTelemetry.Start("get");
        var state = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var entity = await FindAsync(state, scope, id, includeVectors: false, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : RecordMapper.ToRecord(entity);
    }

    /// <summary>A page of the memories of <paramref name="scope"/>, newest-created first.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="options">Paging and filter, or the first 50.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="MemoryScopeException">The scope is missing or has no part.</exception>
    /// <exception cref="MemoryInputException">Skip, take or a filter is refused.</exception>
    public async Task<MemoryPage> ListAsync(MemoryScope scope, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        scope = MemoryScope.Require(scope);
        options ??= new ListOptions();
        var skip = InputChecks.Skip(options.Skip);
        var take = _checks.Limit(options.Take, nameof(ListOptions.Take));
        var filter = Filter(scope, options.Filter);
        using var operation = MemoryTelemetry.Start("list");
        var state = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var retrieval = new FilteredRecordRetrievalOptions<MemoryEntity>
        {
            Skip = skip,
            OrderBy = o => o.Descending(r => r.CreatedAt),
        };
        var found = await state.Storage.Layout.For(scope).GetAsync(filter, take + 1, retrieval, cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new MemoryPage
        {
            Items = [.. found.Take(take).Select(e => RecordMapper.ToRecord(e))],
            Skip = skip,
            Take = take,
            HasMore = found.Count > take,
        };
    }

    /// <summary>Changes a memory of <paramref name="scope"/>; a new text is re-embedded. Writes an UPDATE history row.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="id">The memory's id.</param>
    /// <param name="update">The changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The memory as stored.</returns>
    /// <exception cref="MemoryScopeException">The scope is missing or has no part.</exception>
    /// <exception cref="MemoryNotFoundException">No memory with that id exists in the scope; nothing changed.</exception>
    /// <exception cref="MemoryInputException">A value is refused; nothing changed.</exception>
    public async Task<MemoryRecord> UpdateAsync(MemoryScope scope, Guid id, MemoryUpdate update, CancellationToken cancellationToken = default)
    {
        scope = MemoryScope.Require(scope);
        ArgumentNullException.ThrowIfNull(update);
        var text = update.Text is null ? null : _checks.Text(update.Text);
        var importance = update.Importance is { } i ? InputChecks.Importance(i) : (double?)null;
        var tags = update.Tags is null ? null : _checks.Tags(update.Tags);
        var kind = update.Kind is { } k ? InputChecks.Kind(k) : (MemoryKind?)null;
        var actor = _checks.Label(update.Actor, "actor");
        using var operation = MemoryTelemetry.Start("update");
        var state = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await WriteAsync(async () =>
        {
            var entity = await FindAsync(state, scope, id, includeVectors: true, cancellationToken).ConfigureAwait(false)
                ?? throw new MemoryNotFoundException(MemoryErrors.NotFound(id));
            var oldText = entity.Text;
            entity.Importance = importance ?? entity.Importance;
            entity.Tags = tags ?? entity.Tags;
            entity.Kind = (int)(kind ?? (MemoryKind)entity.Kind);
            entity.UpdatedAt = _time.GetUtcNow().UtcTicks;
            if (text is not null && !string.Equals(text, oldText, StringComparison.Ordinal))
            {
                entity.Text = text;
                entity.IndexedText = state.Writer.IndexedText(entity);
                entity.Embedding = (await state.Embedder.DocumentsAsync([entity.IndexedText], cancellationToken).ConfigureAwait(false))[0];
            }

            await state.Storage.Layout.For(scope).UpsertAsync(entity, cancellationToken).ConfigureAwait(false);
            await state.History.WriteAsync([state.History.Row(HistoryAction.Update, entity, oldText, entity.Text, actor)], cancellationToken).ConfigureAwait(false);
            MemoryTelemetry.Writes.Add(1, new KeyValuePair<string, object?>("outcome", "updated"));
            return RecordMapper.ToRecord(entity);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets one memory of <paramref name="scope"/> (and removes the links other memories hold to it).</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="id">The memory's id.</param>
    /// <param name="options">Erasure and actor, or a plain delete.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the memory existed in the scope and is gone; <see langword="false"/> when none did (nothing changed).</returns>
    /// <exception cref="MemoryScopeException">The scope is missing or has no part.</exception>
    /// <exception cref="MemoryErasureUnavailableException">Erasure was asked for on a store without compaction; nothing was deleted.</exception>
    public async Task<bool> ForgetAsync(MemoryScope scope, Guid id, ForgetOptions? options = null, CancellationToken cancellationToken = default)
    {
        scope = MemoryScope.Require(scope);
        using var operation = MemoryTelemetry.Start("forget");
        var state = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ForgetCoreAsync(
            state, scope, async () => await FindAsync(state, scope, id, includeVectors: false, cancellationToken).ConfigureAwait(false) is { } e ? [e] : [],
            options, cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Forgets every memory of <paramref name="scope"/> that passes <paramref name="filter"/>.</summary>
    /// <param name="scope">The scope (required: a delete without one is refused).</param>
    /// <param name="filter">What to forget within the scope.</param>
    /// <param name="options">Erasure and actor, or a plain delete.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many memories were forgotten.</returns>
    /// <exception cref="MemoryScopeException">The scope is missing or has no part.</exception>
    /// <exception cref="MemoryErasureUnavailableException">Erasure was asked for on a store without compaction; nothing was deleted.</exception>
    public async Task<int> ForgetWhereAsync(MemoryScope scope, MemoryFilter filter, ForgetOptions? options = null, CancellationToken cancellationToken = default)
    {
        scope = MemoryScope.Require(scope);
        ArgumentNullException.ThrowIfNull(filter);
        var expression = Filter(scope, filter);
        using var operation = MemoryTelemetry.Start("forget");
        var state = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ForgetCoreAsync(
            state, scope,
            async () => await state.Storage.Layout.For(scope).GetAsync(expression, int.MaxValue, cancellationToken: cancellationToken)
                .ToListAsync(cancellationToken).ConfigureAwait(false),
            options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets every memory <paramref name="scope"/> selects.</summary>
    /// <param name="scope">The scope (required).</param>
    /// <param name="options">Erasure and actor, or a plain delete.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many memories were forgotten.</returns>
    /// <exception cref="MemoryScopeException">The scope is missing or has no part.</exception>
    /// <exception cref="MemoryErasureUnavailableException">Erasure was asked for on a store without compaction; nothing was deleted.</exception>
    public Task<int> ForgetScopeAsync(MemoryScope scope, ForgetOptions? options = null, CancellationToken cancellationToken = default) =>
        ForgetWhereAsync(scope, new MemoryFilter(), options, cancellationToken);

    /// <summary>The history of <paramref name="scope"/>, or of one of its memories, oldest first.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="memoryId">One memory, or <see langword="null"/> for the whole scope.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries, in the order they were written.</returns>
    /// <exception cref="MemoryScopeException">The scope is missing or has no part.</exception>
    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(MemoryScope scope, Guid? memoryId = null, CancellationToken cancellationToken = default)
    {
        scope = MemoryScope.Require(scope);
        using var operation = MemoryTelemetry.Start("history");
        var state = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await state.History.ReadAsync(scope, memoryId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts over the whole store, across scopes (a host-level operation: never expose it to a model).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts.</returns>
    public async Task<MemoryStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        using var operation = MemoryTelemetry.Start("statistics");
        var state = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var all = new List<MemoryEntity>();
        foreach (var collection in state.Storage.Layout.All)
        {
            all.AddRange(await collection.GetAsync(MemoryFilters.All(), int.MaxValue, cancellationToken: cancellationToken)
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        return new MemoryStatistics
        {
            Total = all.Count,
            Facts = all.Count(e => e.Kind == (int)MemoryKind.Fact),
            Episodes = all.Count(e => e.Kind == (int)MemoryKind.Episode),
            HistoryEntries = await state.History.CountAsync(cancellationToken).ConfigureAwait(false),
            Scopes = [.. all.GroupBy(RecordMapper.ScopeOf).Select(g => new ScopeCount(g.Key, g.Count()))
                .OrderByDescending(s => s.Count).ThenBy(s => s.Scope.ToString(), StringComparer.Ordinal)],
            EmbeddingModelId = state.Storage.ModelId,
            Dimensions = state.Storage.Dimensions,
        };
    }

    /// <summary>
    /// Every memory (of <paramref name="scope"/>, or of the whole store), with ids, times, tags, connections, merged
    /// counts and embeddings: what <see cref="ImportAsync"/> restores losslessly. History is not exported.
    /// </summary>
    /// <param name="scope">One scope, or <see langword="null"/> for the whole store (a host-level operation).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The memories, with <see cref="MemoryRecord.Embedding"/> set.</returns>
    public async IAsyncEnumerable<MemoryRecord> ExportAsync(MemoryScope? scope = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = scope is null ? MemoryFilters.All() : MemoryFilters.InScope(MemoryScope.Require(scope));
        var state = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var collections = scope is null ? state.Storage.Layout.All : [state.Storage.Layout.For(scope)];
        var options = new FilteredRecordRetrievalOptions<MemoryEntity> { IncludeVectors = true, OrderBy = o => o.Ascending(r => r.CreatedAt) };
        foreach (var collection in collections)
        {
            await foreach (var entity in collection.GetAsync(filter, int.MaxValue, options, cancellationToken).ConfigureAwait(false))
            {
                yield return RecordMapper.ToRecord(entity, withEmbedding: true);
            }
        }
    }

    /// <summary>
    /// Stores exported memories as they are: same ids, scopes, times, tags, connections and merged counts (no merging).
    /// A record without an embedding is embedded; one with an embedding of another length is refused. An existing
    /// memory with the same id is replaced. Writes an ADD history row per memory (actor "import").
    /// </summary>
    /// <param name="records">The memories.</param>
    /// <param name="cancellationToken">Cancels the call; batches already written stay.</param>
    /// <returns>How many memories were stored.</returns>
    /// <exception cref="MemoryScopeException">A record has no usable scope.</exception>
    /// <exception cref="MemoryInputException">A record is refused (text, tags, importance, embedding length); nothing of its batch was written.</exception>
    public async Task<int> ImportAsync(IEnumerable<MemoryRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var operation = MemoryTelemetry.Start("import");
        var state = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        foreach (var batch in records.Chunk(ImportBatch))
        {
            var entities = batch.Select(r => Imported(state, r)).ToList();
            var missing = entities.Where(e => e.Embedding.IsEmpty).ToList();
            var vectors = await state.Embedder.DocumentsAsync([.. missing.Select(e => e.IndexedText)], cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < missing.Count; i++)
            {
                missing[i].Embedding = vectors[i];
            }

            await WriteAsync(async () =>
            {
                foreach (var group in entities.GroupBy(e => state.Storage.Layout.For(RecordMapper.ScopeOf(e))))
                {
                    await group.Key.UpsertAsync(group, cancellationToken).ConfigureAwait(false);
                }

                await state.History.WriteAsync(entities.Select(e => state.History.Row(HistoryAction.Add, e, null, e.Text, "import")), cancellationToken)
                    .ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);

            count += entities.Count;
        }

        return count;
    }

    /// <summary>Releases the service's locks (not the store or the embedder).</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        _writeLock.Dispose();
        _openLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private MemoryEntity Imported(State state, MemoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        MemoryScope.Require(record.Scope);
        _checks.Text(record.Text);
        InputChecks.Importance(record.Importance);
        InputChecks.Kind(record.Kind);
        var tags = _checks.Tags(record.Tags);
        var indexed = state.Writer.IndexedText(record.Text, record.Speaker, record.OccurredAt, record.ConversationTitle);
        var embedding = record.Embedding ?? ReadOnlyMemory<float>.Empty;
        if (!embedding.IsEmpty && embedding.Length != state.Storage.Dimensions)
        {
            throw new MemoryInputException(MemoryErrors.ImportEmbeddingLength(record.Id, embedding.Length, state.Storage.Dimensions));
        }

        var entity = RecordMapper.ToEntity(record, indexed, embedding);
        entity.Tags = tags;
        if (entity.Id == Guid.Empty)
        {
            entity.Id = Guid.NewGuid();
        }

        return entity;
    }

    private async Task<int> ForgetCoreAsync(
        State state, MemoryScope scope, Func<Task<List<MemoryEntity>>> select, ForgetOptions? options, CancellationToken cancellationToken)
    {
        options ??= new ForgetOptions();
        var actor = _checks.Label(options.Actor, "actor");
        var compaction = options.Erase
            ? _store.GetService(typeof(IVectorStoreCompaction)) as IVectorStoreCompaction ?? throw new MemoryErasureUnavailableException(MemoryErrors.ErasureUnavailable)
            : null;
        var forgotten = await WriteAsync(async () =>
        {
            var doomed = await select().ConfigureAwait(false);
            if (doomed.Count == 0)
            {
                return 0;
            }

            var collection = state.Storage.Layout.For(scope);
            var ids = doomed.Select(e => e.Id).ToHashSet();
            var linkedIds = doomed.SelectMany(RecordMapper.ConnectionIds).Where(id => !ids.Contains(id)).Distinct().ToList();
            var linked = await collection.GetAsync(linkedIds, new RecordRetrievalOptions { IncludeVectors = true }, cancellationToken)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var unlinked = ConnectionLinker.Unlink(ids, linked.Where(e => doomed.Any(d => RecordMapper.ScopeOf(d) == RecordMapper.ScopeOf(e))));
            if (unlinked.Count > 0)
            {
                await collection.UpsertAsync(unlinked, cancellationToken).ConfigureAwait(false);
            }

            await collection.DeleteAsync(ids, cancellationToken).ConfigureAwait(false);
            if (options.Erase)
            {
                await state.History.EraseAsync(ids, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await state.History.WriteAsync(doomed.Select(e => state.History.Row(HistoryAction.Delete, e, e.Text, null, actor)), cancellationToken)
                    .ConfigureAwait(false);
            }

            MemoryTelemetry.Writes.Add(doomed.Count, new KeyValuePair<string, object?>("outcome", "deleted"));
            return doomed.Count;
        }, cancellationToken).ConfigureAwait(false);

        if (compaction is not null && forgotten > 0)
        {
            await compaction.CompactAsync(cancellationToken).ConfigureAwait(false);
        }

        return forgotten;
    }

    private System.Linq.Expressions.Expression<Func<MemoryEntity, bool>> Filter(MemoryScope scope, MemoryFilter? filter)
    {
        _checks.Filter(filter?.Kinds, filter?.From, filter?.To, filter?.Tags, filter?.Source);
        return MemoryFilters.Matching(scope, filter?.Kinds, filter?.From, filter?.To, filter?.Tags, filter?.Source);
    }

    /// <summary>The memory with the id, only when the scope selects it (a memory of another scope is "not found").</summary>
    private static async Task<MemoryEntity?> FindAsync(State state, MemoryScope scope, Guid id, bool includeVectors, CancellationToken cancellationToken)
    {
        var entity = await state.Storage.Layout.For(scope).GetAsync(id, new RecordRetrievalOptions { IncludeVectors = includeVectors }, cancellationToken)
            .ConfigureAwait(false);
        return entity is not null && scope.Matches(RecordMapper.ScopeOf(entity)) ? entity : null;
    }

    /// <summary>Writes the last-accessed time of recalled memories (re-read under the lock, so a concurrent update is not undone).</summary>
    private async Task TouchAsync(State state, MemoryScope scope, List<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await WriteAsync(async () =>
        {
            var collection = state.Storage.Layout.For(scope);
            var current = await collection.GetAsync(ids, new RecordRetrievalOptions { IncludeVectors = true }, cancellationToken)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var entity in current)
            {
                entity.LastAccessedAt = now.UtcTicks;
            }

            if (current.Count > 0)
            {
                await collection.UpsertAsync(current, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a write under the service's write lock.</summary>
    private async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<State> OpenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _state) is { } open)
        {
            return open;
        }

        await _openLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state is null)
            {
                var storage = await MemoryStorage.OpenAsync(_store, _embedder, _options.CollectionPrefix, _time.GetUtcNow(), _logger, cancellationToken)
                    .ConfigureAwait(false);
                var embedder = new MemoryEmbedder(_embedder, storage.Dimensions, _options.QueryCacheSize);
                var history = new HistoryLog(storage.History, _time);
                Volatile.Write(ref _state, new State(
                    storage,
                    embedder,
                    history,
                    new MemoryWriter(storage, embedder, _checks, _options, _time, history, _logger),
                    new RecallPipeline(storage, embedder, _checks, _options, _logger)));
            }

            return _state!;
        }
        finally
        {
            _openLock.Release();
        }
    }

    /// <summary>What the service works with once open.</summary>
    private sealed record State(MemoryStorage Storage, MemoryEmbedder Embedder, HistoryLog History, MemoryWriter Writer, RecallPipeline Recall);
}
