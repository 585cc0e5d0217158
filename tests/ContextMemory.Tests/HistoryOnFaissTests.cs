using ContextMemory.VectorStore;

namespace ContextMemory.Tests;

public sealed class HistoryOnFaissTests() : HistorySuite(directory => new FaissVectorStore(directory));
