using ContextMemory.VectorStore;

namespace ContextMemory.Tests;

public sealed class ConnectionOnFaissTests() : ConnectionSuite(directory => new FaissVectorStore(directory));
