using ContextMemory.Diagnostics;
using ContextMemory.Recall;
using ContextMemory.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.Writing;

/// <summary>
/// The add phase: validates and embeds new memories, merges a near-duplicate into the memory it duplicates, otherwise
/// adds it and connects episodes, and writes history. Callers hold the service's write lock.
/// </summary>
internal sealed class MemoryWriter(
    MemoryStorage storage, MemoryEmbedder embedder, InputChecks checks, MemoryServiceOptions options, TimeProvider time, HistoryLog history,
    ILogger logger)
{
    private const double MergeOldWeight = 0.4;

    private readonly ConnectionLinker _linker = new(options);

    /// <summary>Validates <paramref name="memory"/> and builds its entity (no embedding yet). Throws before anything is written.</summary>
    public PreparedMemory Prepare(MemoryScope scope, NewMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var text = checks.Text(memory.Text);
        var now = time.GetUtcNow();
        var occurred = memory.OccurredAt ?? now;
        var speaker = checks.Label(memory.Speaker, "speaker");
        var title = checks.Label(memory.ConversationTitle, "conversation title");
        return new PreparedMemory(new MemoryEntity
        {
            Id = Guid.NewGuid(),
            Text = text,
            IndexedText = IndexedText(text, speaker, occurred, title),
            UserId = scope.UserId,
            AgentId = scope.AgentId,
            ConversationId = scope.ConversationId,
            Kind = (int)InputChecks.Kind(memory.Kind),
            Importance = memory.Importance is { } importance ? InputChecks.Importance(importance) : ImportanceHeuristic.Estimate(text),
            OccurredAt = occurred.UtcTicks,
            CreatedAt = now.UtcTicks,
            UpdatedAt = now.UtcTicks,
            LastAccessedAt = now.UtcTicks,
            Tags = checks.Tags(memory.Tags),
            Source = checks.Label(memory.Source, "source"),
            Speaker = speaker,
            ConversationTitle = title,
        }, memory.MergeWithSimilar);
    }

    public string IndexedText(string text, string? speaker, DateTimeOffset occurred, string? title) =>
        EmbeddedText.Compose(options.EmbeddedContext, text, speaker, occurred, title);

    public string IndexedText(MemoryEntity entity) =>
        IndexedText(entity.Text, entity.Speaker, RecordMapper.Time(entity.OccurredAt), entity.ConversationTitle);

    /// <summary>Remembers prepared entities in order (a later one may merge into an earlier one of the same batch).</summary>
    public async Task<List<RememberResult>> RememberAsync(MemoryScope scope, IReadOnlyList<PreparedMemory> prepared, CancellationToken cancellationToken)
    {
        var vectors = await embedder.DocumentsAsync([.. prepared.Select(p => p.Entity.IndexedText)], cancellationToken).ConfigureAwait(false);
        var results = new List<RememberResult>(prepared.Count);
        for (var i = 0; i < prepared.Count; i++)
        {
            results.Add(await RememberOneAsync(scope, prepared[i], vectors[i], cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<RememberResult> RememberOneAsync(MemoryScope scope, PreparedMemory prepared, ReadOnlyMemory<float> vector, CancellationToken cancellationToken)
    {
        var entity = prepared.Entity;
        var collection = storage.Layout.For(scope);
        var neighbours = await NeighboursAsync(collection, scope, (MemoryKind)entity.Kind, vector, cancellationToken).ConfigureAwait(false);
        if (prepared.MergeWithSimilar && neighbours.Count > 0 && neighbours[0].Similarity >= options.MergeThreshold)
        {
            return await MergeAsync(collection, neighbours[0].Entity, neighbours[0].Similarity, entity, vector, cancellationToken).ConfigureAwait(false);
        }

        entity.Embedding = vector;
        var linked = _linker.Link(entity, neighbours);
        await collection.UpsertAsync([entity, .. linked], cancellationToken).ConfigureAwait(false);
        await history.WriteAsync([history.Row(HistoryAction.Add, entity, null, entity.Text, null)], cancellationToken).ConfigureAwait(false);
        MemoryTelemetry.Writes.Add(1, new KeyValuePair<string, object?>("outcome", "added"));
        return new RememberResult { Memory = RecordMapper.ToRecord(entity), Outcome = RememberOutcome.Added };
    }

    /// <summary>The most similar memories of exactly this scope and kind, most similar first.</summary>
    private async Task<List<(MemoryEntity Entity, double Similarity)>> NeighboursAsync(
        VectorStoreCollection<Guid, MemoryEntity> collection, MemoryScope scope, MemoryKind kind, ReadOnlyMemory<float> vector,
        CancellationToken cancellationToken)
    {
        var wanted = Math.Max(1, kind == MemoryKind.Episode ? options.ConnectionsPerEpisode : 1);
        var search = new VectorSearchOptions<MemoryEntity> { Filter = MemoryFilters.ExactScope(scope, kind), IncludeVectors = true };
        var found = new List<(MemoryEntity, double)>();
        await foreach (var result in collection.SearchAsync(vector, wanted, search, cancellationToken).ConfigureAwait(false))
        {
            found.Add((result.Record, ConnectionLinker.SimilarityTo(result.Record, vector)));
        }

        return [.. found.OrderByDescending(f => f.Item2)];
    }

    private async Task<RememberResult> MergeAsync(
        VectorStoreCollection<Guid, MemoryEntity> collection, MemoryEntity existing, double similarity, MemoryEntity incoming,
        ReadOnlyMemory<float> vector, CancellationToken cancellationToken)
    {
        var oldText = existing.Text;
        var oldIndexed = existing.IndexedText;
        existing.Text = MergedText(oldText, incoming.Text);
        existing.Speaker = incoming.Speaker ?? existing.Speaker;
        existing.ConversationTitle = incoming.ConversationTitle ?? existing.ConversationTitle;
        existing.Source ??= incoming.Source;
        existing.Importance = Math.Max(existing.Importance, incoming.Importance);
        existing.Tags = [.. existing.Tags.Union(incoming.Tags, StringComparer.Ordinal).Take(options.MaxTags)];
        existing.OccurredAt = Math.Max(existing.OccurredAt, incoming.OccurredAt);
        existing.UpdatedAt = incoming.CreatedAt;
        existing.MergedCount++;
        existing.IndexedText = IndexedText(existing);
        existing.Embedding = options.MergeVector == MergeVectorPolicy.Average
            ? VectorMath.Average(existing.Embedding.Span, vector.Span, MergeOldWeight)
            : await ReEmbedAsync(existing, oldIndexed, incoming.IndexedText, vector, cancellationToken).ConfigureAwait(false);

        await collection.UpsertAsync(existing, cancellationToken).ConfigureAwait(false);
        await history.WriteAsync([history.Row(HistoryAction.Merge, existing, oldText, existing.Text, null)], cancellationToken).ConfigureAwait(false);
        MemoryTelemetry.Writes.Add(1, new KeyValuePair<string, object?>("outcome", "merged"));
        MemoryLog.Merged(logger, existing.Id, similarity);
        return new RememberResult { Memory = RecordMapper.ToRecord(existing), Outcome = RememberOutcome.Merged };
    }

    /// <summary>The merged text; an append that would exceed the text limit keeps the newer text (nothing the caller gave is cut).</summary>
    private string MergedText(string older, string newer) => options.MergeText switch
    {
        MergeTextPolicy.Keep => older,
        MergeTextPolicy.Append when older.Length + 1 + newer.Length <= options.MaxTextLength => older + "\n" + newer,
        _ => newer,
    };

    private async Task<ReadOnlyMemory<float>> ReEmbedAsync(
        MemoryEntity merged, string oldIndexed, string newIndexed, ReadOnlyMemory<float> newVector, CancellationToken cancellationToken)
    {
        if (string.Equals(merged.IndexedText, newIndexed, StringComparison.Ordinal))
        {
            return newVector;
        }

        return string.Equals(merged.IndexedText, oldIndexed, StringComparison.Ordinal)
            ? merged.Embedding
            : (await embedder.DocumentsAsync([merged.IndexedText], cancellationToken).ConfigureAwait(false))[0];
    }
}
