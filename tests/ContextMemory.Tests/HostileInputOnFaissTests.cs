using ContextMemory.VectorStore;

namespace ContextMemory.Tests;

public sealed class HostileInputOnFaissTests() : HostileInputSuite(directory => new FaissVectorStore(directory));
