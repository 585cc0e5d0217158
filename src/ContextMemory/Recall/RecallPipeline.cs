using System.Diagnostics;
using ContextMemory.Diagnostics;
using ContextMemory.Storage;
using ContextMemory.Writing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.Recall;

/// <summary>
/// Recall: query embedding (cached) -> vector candidates and keyword candidates (when the collection implements
/// <see cref="IKeywordHybridSearchable{TRecord}"/>) under the scope filter, each over-fetched -> fusion into relevance
/// -> scoring -> connected episodes. Reads only; the service writes last-accessed times afterwards.
/// </summary>
internal sealed class RecallPipeline(MemoryStorage storage, MemoryEmbedder embedder, InputChecks checks, MemoryServiceOptions options, ILogger logger)
{
    public async Task<List<(MemoryEntity Entity, MemoryHit Hit)>> RecallAsync(
        MemoryScope scope, string query, RecallOptions recall, DateTimeOffset now, CancellationToken cancellationToken)
    {
        checks.Text(query, "query");
        var limit = checks.Limit(recall.Limit, nameof(RecallOptions.Limit));
        var minRelevance = InputChecks.Relevance(recall.MinRelevance);
        checks.Filter(recall.Kinds, recall.From, recall.To, recall.Tags, null);

        var vector = await embedder.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        var collection = storage.Layout.For(scope);
        var filter = MemoryFilters.Matching(scope, recall.Kinds, recall.From, recall.To, recall.Tags, null);
        var fetch = (int)Math.Min((long)limit * Math.Max(1, options.Scoring.OverFetchFactor), int.MaxValue);
        var mode = recall.Retrieval ?? options.Retrieval;
        var hybrid = mode == RetrievalMode.Vector ? null : KeywordSearch(collection);
        var keywords = KeywordExtractor.From(query);

        var started = Stopwatch.GetTimestamp();
        var candidates = new Dictionary<Guid, Candidate>();
        if (hybrid is null || mode != RetrievalMode.Keyword)
        {
            var rank = 0;
            var search = new VectorSearchOptions<MemoryEntity> { Filter = filter, IncludeVectors = true };
            await foreach (var result in collection.SearchAsync(vector, fetch, search, cancellationToken).ConfigureAwait(false))
            {
                Add(candidates, result.Record).VectorRank = ++rank;
            }
        }

        var keywordRanking = hybrid is not null && keywords.Count > 0;
        if (keywordRanking)
        {
            var rank = 0;
            var search = new HybridSearchOptions<MemoryEntity>
            {
                Filter = filter,
                IncludeVectors = true,
                VectorProperty = r => r.Embedding,
                AdditionalProperty = r => r.IndexedText,
            };
            await foreach (var result in hybrid!.HybridSearchAsync(vector, keywords, fetch, search, cancellationToken).ConfigureAwait(false))
            {
                Add(candidates, result.Record).KeywordRank = ++rank;
            }
        }

        WarnIfSlow(Stopwatch.GetElapsedTime(started), candidates.Count, scope);
        MemoryTelemetry.RecallCandidates.Record(candidates.Count);

        var scored = candidates.Values.ToList();
        foreach (var candidate in scored)
        {
            candidate.Similarity = VectorMath.Similarity(vector.Span, candidate.Entity.Embedding.Span);
            candidate.Relevance = Fusion.Relevance(options.Scoring, candidate, keywordRanking);
        }

        scored = [.. scored.Where(c => minRelevance is not { } min || c.Relevance >= min)];
        var components = Scorer.Score(options.Scoring, scored, now);
        var hits = scored.Select((c, i) => (c.Entity, Components: components[i]))
            .OrderByDescending(h => h.Components.Final)
            .ThenByDescending(h => h.Components.Relevance)
            .ThenBy(h => h.Entity.Id)
            .Take(limit)
            .Select(h => (h.Entity, new MemoryHit
            {
                Memory = RecordMapper.ToRecord(h.Entity),
                Score = h.Components.Final,
                Components = recall.Explain ? h.Components : null,
            }))
            .ToList();

        if (recall.IncludeConnections)
        {
            hits.AddRange(await ConnectedAsync(collection, scope, hits, cancellationToken).ConfigureAwait(false));
        }

        return hits;
    }

    private static IKeywordHybridSearchable<MemoryEntity>? KeywordSearch(VectorStoreCollection<Guid, MemoryEntity> collection) =>
        collection as IKeywordHybridSearchable<MemoryEntity>
        ?? collection.GetService(typeof(IKeywordHybridSearchable<MemoryEntity>)) as IKeywordHybridSearchable<MemoryEntity>;

    private static Candidate Add(Dictionary<Guid, Candidate> candidates, MemoryEntity entity)
    {
        if (!candidates.TryGetValue(entity.Id, out var candidate))
        {
            candidate = new Candidate(entity);
            candidates.Add(entity.Id, candidate);
        }

        return candidate;
    }

    /// <summary>Up to <see cref="MemoryServiceOptions.ConnectedPerHit"/> connected memories per hit, <see cref="MemoryServiceOptions.ConnectedTotal"/> in all, only from the scope.</summary>
    private async Task<List<(MemoryEntity, MemoryHit)>> ConnectedAsync(
        VectorStoreCollection<Guid, MemoryEntity> collection, MemoryScope scope, List<(MemoryEntity Entity, MemoryHit Hit)> hits,
        CancellationToken cancellationToken)
    {
        var seen = hits.Select(h => h.Entity.Id).ToHashSet();
        var wanted = new List<(Guid Id, Guid From)>();
        foreach (var (entity, _) in hits)
        {
            foreach (var id in RecordMapper.ConnectionIds(entity).Where(id => !seen.Contains(id)).Take(options.ConnectedPerHit))
            {
                if (wanted.Count < options.ConnectedTotal && seen.Add(id))
                {
                    wanted.Add((id, entity.Id));
                }
            }
        }

        if (wanted.Count == 0)
        {
            return [];
        }

        var found = await collection.GetAsync(wanted.Select(w => w.Id), new RecordRetrievalOptions { IncludeVectors = true }, cancellationToken)
            .ToDictionaryAsync(e => e.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. wanted
            .Where(w => found.TryGetValue(w.Id, out var e) && scope.Matches(RecordMapper.ScopeOf(e)))
            .Select(w => (found[w.Id], new MemoryHit { Memory = RecordMapper.ToRecord(found[w.Id]), Score = 0, IsConnection = true, ConnectedFrom = w.From }))];
    }

    private void WarnIfSlow(TimeSpan elapsed, int candidates, MemoryScope scope)
    {
        if (elapsed > options.SlowSearchThreshold)
        {
            MemoryLog.SlowSearch(logger, MemoryErrors.SlowSearch(elapsed.TotalMilliseconds, candidates, scope.ToString()));
        }
    }
}
