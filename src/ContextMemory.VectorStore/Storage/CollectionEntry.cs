namespace ContextMemory.VectorStore.Storage;

/// <summary>A row of the catalog: a collection's integer id, random uid, stored schema and pruning mark.</summary>
internal sealed record CollectionEntry(long Id, string Name, string Uid, StoredSchema Schema, long PrunedSeq)
{
    public CollectionSql Sql { get; } = new(Id, Schema);
}
