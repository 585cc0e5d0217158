namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// The columns a record model maps in a collection's tables, in model order: the ordinal of each data property's column
/// and of each vector property's vector table. <see cref="CollectionSql"/> builds a model's reads and writes from it.
/// </summary>
/// <param name="DataOrdinals">The stored data column ordinal of each data property of the model.</param>
/// <param name="VectorOrdinals">The stored vector ordinal of each vector property of the model.</param>
internal sealed record RecordColumns(IReadOnlyList<int> DataOrdinals, IReadOnlyList<int> VectorOrdinals);
