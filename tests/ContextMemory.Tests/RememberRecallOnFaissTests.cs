using ContextMemory.VectorStore;

namespace ContextMemory.Tests;

public sealed class RememberRecallOnFaissTests() : RememberRecallSuite(directory => new FaissVectorStore(directory));
