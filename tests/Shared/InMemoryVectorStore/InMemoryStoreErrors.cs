namespace ContextMemory.Tests.Shared;

/// <summary>The messages of the in-memory test store's errors, in one place.</summary>
internal static class InMemoryStoreErrors
{
    public const string SystemName = "in-memory-test";

    public const string DynamicCollectionNeedsDictionary =
        "A dynamic collection maps Dictionary<string, object?> records with object keys; use GetDynamicCollection.";

    public const string IncludeVectorsWithGeneration =
        "IncludeVectors is not supported for a vector property whose values an embedding generator produces.";

    public static string CollectionDoesNotExist(string name) => $"The collection '{name}' does not exist.";

    public static string UnsupportedDistanceFunction(string property, string function) =>
        $"Vector property '{property}': the in-memory store does not support the distance function '{function}'.";

    public static string WrongDimensions(string property, int expected, int actual) =>
        $"Vector property '{property}' has {expected} dimensions, and a vector of {actual} was given.";

    public static string NoEmbeddingGenerator(string property, Type inputType) =>
        $"Vector property '{property}': a {inputType.Name} is not a vector and no embedding generator is configured to turn it into one.";

    public static string NullKey(string property) => $"The key property '{property}' is null.";
}
