using ContextMemory.Tests.Support;
using ContextMemory.VectorStore;

namespace ContextMemory.Agents.Tests.Support;

/// <summary>
/// A memory service as agents use it: a real FAISS store in a temporary directory and the real local embedding
/// model. Reopen closes the store and opens it again from its files, as a restarted process would.
/// </summary>
public sealed class AgentMemory : IDisposable
{
    private readonly TemporaryDirectory _directory = new("cm-agents-");
    private readonly LocalModel _model;
    private FaissVectorStore _store;

    public AgentMemory(LocalModel model)
    {
        _model = model;
        _store = new FaissVectorStore(_directory.Path);
        Service = new MemoryService(_store, _model.Generator);
    }

    public MemoryService Service { get; private set; }

    public async Task<MemoryService> ReopenAsync()
    {
        await Service.DisposeAsync();
        _store.Dispose();
        _store = new FaissVectorStore(_directory.Path);
        Service = new MemoryService(_store, _model.Generator);
        return Service;
    }

    public void Dispose()
    {
        Service.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store.Dispose();
        _directory.Dispose();
    }
}
