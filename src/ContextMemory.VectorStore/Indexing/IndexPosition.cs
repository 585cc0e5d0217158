namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// How far an index reflects the database: every vector with vid &lt;= <see cref="Vid"/> has been added and
/// every removal with seq &lt;= <see cref="RemovalSeq"/> applied. Vids and seqs only grow.
/// </summary>
internal readonly record struct IndexPosition(long Vid, long RemovalSeq)
{
    public bool IsBehind(IndexPosition database) => database.Vid > Vid || database.RemovalSeq > RemovalSeq;

    public static IndexPosition Max(IndexPosition a, IndexPosition b) =>
        new(Math.Max(a.Vid, b.Vid), Math.Max(a.RemovalSeq, b.RemovalSeq));
}
