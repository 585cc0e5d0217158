using Microsoft.Extensions.AI;

namespace ContextMemory;

/// <summary>
/// Tells an embedding generator whether the texts it embeds are search queries or documents to be found, for
/// models that embed the two differently (arctic-embed prefixes queries with an instruction).
/// </summary>
/// <remarks>
/// The kind travels in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> under
/// <see cref="PropertyName"/>. Generators that do not distinguish the two ignore it; a missing value means
/// <see cref="Document"/>. Caching generators must treat it as part of the cache key.
/// </remarks>
public static class EmbeddingInputKind
{
    /// <summary>The key of the kind in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>.</summary>
    public const string PropertyName = "contextmemory.input_kind";

    /// <summary>The texts are search queries.</summary>
    public const string Query = "query";

    /// <summary>The texts are documents to be stored and found (the default).</summary>
    public const string Document = "document";

    /// <summary>Options that mark the texts as search queries.</summary>
    /// <param name="options">Options to copy, or <see langword="null"/>.</param>
    /// <returns>A copy of <paramref name="options"/> (or new options) with the kind set to <see cref="Query"/>.</returns>
    public static EmbeddingGenerationOptions ForQuery(EmbeddingGenerationOptions? options = null) => With(options, Query);

    /// <summary>Options that mark the texts as documents.</summary>
    /// <param name="options">Options to copy, or <see langword="null"/>.</param>
    /// <returns>A copy of <paramref name="options"/> (or new options) with the kind set to <see cref="Document"/>.</returns>
    public static EmbeddingGenerationOptions ForDocument(EmbeddingGenerationOptions? options = null) => With(options, Document);

    /// <summary>Whether <paramref name="options"/> mark the texts as search queries.</summary>
    /// <param name="options">The options a generator received, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> only when the kind is <see cref="Query"/>.</returns>
    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PropertyName, out var value) == true
        && value is string kind
        && string.Equals(kind, Query, StringComparison.Ordinal);

    private static EmbeddingGenerationOptions With(EmbeddingGenerationOptions? options, string kind)
    {
        var copy = options?.Clone() ?? new EmbeddingGenerationOptions();
        copy.AdditionalProperties = copy.AdditionalProperties?.Clone() ?? [];
        copy.AdditionalProperties[PropertyName] = kind;
        return copy;
    }
}
