using ContextMemory.Faiss;
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>Whether a checkpoint's header fits the collection, vector property and database it is about to be used for.</summary>
internal static class CheckpointChecks
{
    /// <summary>Why the checkpoint cannot be used; null when it can.</summary>
    public static string? Describe(
        CheckpointHeader header, CollectionEntry entry, IndexPlan plan, long prunedSeq, IndexPosition database, FaissFileInfo info)
    {
        var column = plan.Column;
        if (header.CollectionId != entry.Id || header.CollectionUid != entry.Uid)
        {
            return "it belongs to another collection";
        }

        if (header.VectorOrdinal != column.Ordinal || header.VectorName != column.StorageName || header.Dimensions != column.Dimensions
            || header.DistanceFunction != column.DistanceFunction || header.IndexKind != column.IndexKind
            || info.Dimension != column.Dimensions || info.Metric != plan.Metric)
        {
            return "it was built for a different vector property definition";
        }

        if (header.AppliedVid > database.Vid || header.AppliedRemovalSeq > database.RemovalSeq)
        {
            return "it is ahead of the database (the database was replaced or restored)";
        }

        if (header.AppliedRemovalSeq < prunedSeq)
        {
            return "it is older than the retained change log";
        }

        return null;
    }
}
