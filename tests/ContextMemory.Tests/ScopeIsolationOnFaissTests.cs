using ContextMemory.VectorStore;

namespace ContextMemory.Tests;

public sealed class ScopeIsolationOnFaissTests() : ScopeIsolationSuite(directory => new FaissVectorStore(directory));
