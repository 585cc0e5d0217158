namespace ContextMemory.Faiss;

/// <summary>An index read from a file or buffer, with the user data that was saved beside it.</summary>
/// <remarks>The caller owns <see cref="Index"/> and must dispose it. The struct itself is immutable; <see cref="UserData"/> is a private copy.</remarks>
/// <param name="Index">The loaded index.</param>
/// <param name="UserData">The caller bytes given to <see cref="FaissIndex.Save(string, ReadOnlySpan{byte})"/> (empty when none).</param>
public readonly record struct FaissLoadResult(FaissIndex Index, ReadOnlyMemory<byte> UserData);
