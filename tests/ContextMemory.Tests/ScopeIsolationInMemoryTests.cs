namespace ContextMemory.Tests;

/// <summary>The same suite over a second, trivially simple VectorData store: the memory layer uses nothing FAISS-specific.</summary>
public sealed class ScopeIsolationInMemoryTests() : ScopeIsolationSuite(_ => new InMemoryVectorStore());
