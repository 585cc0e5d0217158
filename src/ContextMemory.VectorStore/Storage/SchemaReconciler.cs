using ContextMemory.VectorStore.Failures;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// Compares the schema a record type asks for with the one a collection was created with. Compatible
/// differences are allowed (a record type may use a subset of the stored properties, and may add plain data
/// properties, which become new columns); anything else is refused with a message naming the property.
/// </summary>
internal static class SchemaReconciler
{
    /// <summary>Returns the data columns to add; throws <see cref="InvalidOperationException"/> on a conflict.</summary>
    public static List<StoredDataColumn> NewDataColumns(string collection, StoredSchema stored, StoredSchema requested)
    {
        if (stored.Key.TypeName != requested.Key.TypeName)
        {
            throw new InvalidOperationException(VectorStoreErrors.SchemaConflict(collection, requested.Key.StorageName,
                $"the key is stored as {stored.Key.TypeName}, not {requested.Key.TypeName}"));
        }

        foreach (var vector in requested.Vectors)
        {
            var existing = stored.Vectors.FirstOrDefault(v => v.StorageName == vector.StorageName)
                ?? throw new InvalidOperationException(VectorStoreErrors.SchemaConflict(collection, vector.StorageName,
                    "vector properties cannot be added to an existing collection"));
            if (existing.Dimensions != vector.Dimensions || existing.DistanceFunction != vector.DistanceFunction
                || existing.IndexKind != vector.IndexKind)
            {
                throw new InvalidOperationException(VectorStoreErrors.SchemaConflict(collection, vector.StorageName,
                    $"it is stored with {existing.Dimensions} dimensions, {existing.DistanceFunction}, {existing.IndexKind}"));
            }
        }

        var added = new List<StoredDataColumn>();
        var nextOrdinal = stored.Data.Count == 0 ? 0 : stored.Data.Max(d => d.Ordinal) + 1;
        foreach (var data in requested.Data)
        {
            if (stored.Key.StorageName == data.StorageName || stored.Vectors.Any(v => v.StorageName == data.StorageName))
            {
                throw new InvalidOperationException(VectorStoreErrors.SchemaConflict(collection, data.StorageName,
                    "it is stored as a key or vector property"));
            }

            var existing = stored.Data.FirstOrDefault(d => d.StorageName == data.StorageName);
            if (existing is null)
            {
                if (data.IsFullTextIndexed)
                {
                    throw new InvalidOperationException(VectorStoreErrors.SchemaConflict(collection, data.StorageName,
                        "full-text indexed properties cannot be added to an existing collection"));
                }

                added.Add(data with { Ordinal = nextOrdinal++ });
                continue;
            }

            if (existing.TypeName != data.TypeName)
            {
                throw new InvalidOperationException(VectorStoreErrors.SchemaConflict(collection, data.StorageName,
                    $"it is stored as {existing.TypeName}, not {data.TypeName}"));
            }

            if (data.IsFullTextIndexed && !existing.IsFullTextIndexed)
            {
                throw new InvalidOperationException(VectorStoreErrors.SchemaConflict(collection, data.StorageName,
                    "it was not created full-text indexed"));
            }
        }

        return added;
    }
}
