using ContextMemory.Faiss;
using ContextMemory.VectorStore.Failures;
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
            return VectorStoreErrors.CheckpointOtherCollection;
        }

        if (header.VectorOrdinal != column.Ordinal || header.VectorName != column.StorageName || header.Dimensions != column.Dimensions
            || header.DistanceFunction != column.DistanceFunction || header.IndexKind != column.IndexKind
            || info.Dimension != column.Dimensions || info.Metric != plan.Metric)
        {
            return VectorStoreErrors.CheckpointOtherDefinition;
        }

        if (header.AppliedVid > database.Vid || header.AppliedRemovalSeq > database.RemovalSeq)
        {
            return VectorStoreErrors.CheckpointAheadOfDatabase;
        }

        if (header.AppliedRemovalSeq < prunedSeq)
        {
            return VectorStoreErrors.CheckpointOlderThanLog;
        }

        return null;
    }
}
