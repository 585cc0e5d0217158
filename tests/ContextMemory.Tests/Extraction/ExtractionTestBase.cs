using ContextMemory.Extraction;
using ContextMemory.Tests.Support;
using Microsoft.Extensions.AI;

namespace ContextMemory.Tests.Extraction;

/// <summary>What the extraction tests share: a memory service over a real FAISS store, two users, a short conversation.</summary>
public abstract class ExtractionTestBase : IDisposable
{
    protected static readonly MemoryScope Ann = MemoryScope.ForUser("ann");
    protected static readonly MemoryScope Bob = MemoryScope.ForUser("bob");
    protected static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.System, "You are a helpful assistant."),
        new(ChatRole.User, "I moved to Lisbon last month and I still love green tea."),
        new(ChatRole.Assistant, "Congratulations on the move!"),
    ];

    /// <param name="embedder">The embedder, or the harness's word embedder.</param>
    protected ExtractionTestBase(IEmbeddingGenerator<string, Embedding<float>>? embedder = null) => Harness = new MemoryHarness(embedder: embedder);

    protected MemoryHarness Harness { get; }

    public void Dispose()
    {
        Harness.Dispose();
        GC.SuppressFinalize(this);
    }

    protected MemoryExtractor Extract(IChatClient model, MemoryExtractionOptions? options = null) => new(Harness.Service, model, options);

    protected async Task<MemoryRecord> Remember(MemoryScope scope, string text) =>
        (await Harness.Service.RememberAsync(scope, new NewMemory { Text = text })).Memory;
}
