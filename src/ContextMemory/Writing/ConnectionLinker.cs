using ContextMemory.Recall;
using ContextMemory.Storage;

namespace ContextMemory.Writing;

/// <summary>
/// Links a new episode both ways to its most similar earlier episodes of exactly the same scope, and unlinks forgotten
/// memories. Bounded: at most <see cref="MemoryServiceOptions.ConnectionsPerEpisode"/> links are made per new episode,
/// and a memory already holding <see cref="MemoryServiceOptions.MaxConnections"/> gets no more.
/// </summary>
internal sealed class ConnectionLinker(MemoryServiceOptions options)
{
    /// <summary>Links <paramref name="episode"/> to the neighbours that qualify; returns the neighbours changed (to write with it).</summary>
    public List<MemoryEntity> Link(MemoryEntity episode, IEnumerable<(MemoryEntity Entity, double Similarity)> neighbours)
    {
        var changed = new List<MemoryEntity>();
        if (episode.Kind != (int)MemoryKind.Episode || options.ConnectionsPerEpisode <= 0)
        {
            return changed;
        }

        var own = new List<string>(episode.Connections);
        foreach (var (neighbour, similarity) in neighbours.OrderByDescending(n => n.Similarity))
        {
            if (own.Count >= Math.Min(options.ConnectionsPerEpisode, options.MaxConnections) || changed.Count >= options.ConnectionsPerEpisode)
            {
                break;
            }

            if (neighbour.Id == episode.Id || neighbour.Kind != (int)MemoryKind.Episode || similarity < options.ConnectionThreshold
                || neighbour.Connections.Length >= options.MaxConnections)
            {
                continue;
            }

            own.Add(RecordMapper.Format(neighbour.Id));
            neighbour.Connections = [.. neighbour.Connections, RecordMapper.Format(episode.Id)];
            changed.Add(neighbour);
        }

        episode.Connections = [.. own];
        return changed;
    }

    /// <summary>Removes links to <paramref name="forgotten"/> from <paramref name="linked"/>; returns those changed.</summary>
    public static List<MemoryEntity> Unlink(IReadOnlySet<Guid> forgotten, IEnumerable<MemoryEntity> linked)
    {
        var changed = new List<MemoryEntity>();
        foreach (var entity in linked)
        {
            var kept = RecordMapper.ConnectionIds(entity).Where(id => !forgotten.Contains(id)).Select(RecordMapper.Format).ToArray();
            if (kept.Length != entity.Connections.Length)
            {
                entity.Connections = kept;
                changed.Add(entity);
            }
        }

        return changed;
    }

    /// <summary>The similarity of a stored neighbour to a new vector.</summary>
    public static double SimilarityTo(MemoryEntity entity, ReadOnlyMemory<float> vector) => VectorMath.Similarity(entity.Embedding.Span, vector.Span);
}
