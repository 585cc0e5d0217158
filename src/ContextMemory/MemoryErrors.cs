using System.Globalization;

namespace ContextMemory;

/// <summary>Every message the memory layer raises or logs, in one place so tests can assert them.</summary>
internal static class MemoryErrors
{
    public const string ScopeRequired =
        "A memory scope with at least one part (user, agent or conversation) is required; no operation runs without one.";

    public static string ScopePartMissing(string part) => Format("The scope's {0} must not be null.", part);

    public static string ScopePartLength(string part, int length, int max) =>
        Format("The scope's {0} is {1} characters long; it must be 1 to {2}.", part, length, max);

    public static string ScopePartControl(string part) => Format("The scope's {0} must not contain control characters.", part);

    public const string TextMissing = "The text must not be empty or white space.";

    public static string TextTooLong(string what, int length, int max) =>
        Format("The {0} is {1} characters long; at most {2} are accepted (MemoryServiceOptions.MaxTextLength).", what, length, max);

    public static string TextHasNul(string what) => Format("The {0} contains a NUL character, which is not accepted.", what);

    public static string BadImportance(double value) =>
        Format("The importance must be a number from 0 to 1; {0} was given.", value);

    public static string TooManyTags(int count, int max) => Format("{0} tags were given; at most {1} are accepted.", count, max);

    public static string BadTag(int max) =>
        Format("A tag must be 1 to {0} characters with no control characters.", max);

    public static string BadLimit(string name, int value, int max) =>
        Format("{0} must be from 1 to {2}; {1} was given.", name, value, max);

    public static string BadSkip(int value) => Format("Skip must not be negative; {0} was given.", value);

    public static string BadRelevance(double value) => Format("The minimum relevance must be a number from 0 to 1; {0} was given.", value);

    public const string BadTimeRange = "The time range is empty: From is later than To.";

    public static string BadKind(int value) => Format("{0} is not a memory kind.", value);

    public static string NotFound(Guid id) => Format("No memory {0} exists in this scope.", id);

    public static string StoreMismatch(string storedModel, int storedDimensions, string model, int dimensions) =>
        Format("The memory store was created with the embedder '{0}' ({1} dimensions); this service uses '{2}' ({3} dimensions). Open it with the original embedder, or re-embed by exporting and importing into a new store. Nothing was written.",
            storedModel, storedDimensions, model, dimensions);

    public const string UnknownDimensions =
        "The embedder returned no vector for the probe text, so the vector length is unknown; it must report EmbeddingGeneratorMetadata.DefaultModelDimensions or embed text.";

    public static string WrongVectorCount(int actual, int expected) =>
        Format("The embedder returned {0} vectors for {1} texts.", actual, expected);

    public static string WrongVectorLength(int actual, int expected) =>
        Format("The embedder returned a vector of {0} dimensions; the store holds {1}.", actual, expected);

    public static string ImportEmbeddingLength(Guid id, int actual, int expected) =>
        Format("The imported memory {0} carries an embedding of {1} dimensions; the store holds {2}.", id, actual, expected);

    public const string ErasureUnavailable =
        "Erasure needs a vector store that compacts its files (IVectorStoreCompaction through VectorStore.GetService), and this store offers none; nothing was deleted. Forget without Erase to delete the records only.";

    public static string SlowSearch(double milliseconds, int candidates, string scope) =>
        Format("Memory search is slow: {0:F1} ms for {1} candidates in scope {2}; consider a faster index kind (e.g. HNSW) for the collection.", milliseconds, candidates, scope);

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
