using ContextMemory.VectorStore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace ContextMemory.Tests.Support;

/// <summary>
/// A memory service over a real FAISS store in a temp directory, a word-overlap embedder (texts sharing words are
/// similar; identical texts have similarity 1) and a fake clock. Reopen to prove persistence.
/// </summary>
public sealed class MemoryHarness : IDisposable
{
    public const int Dimensions = 256;

    public static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory _directory = new("cm-memory-");
    private readonly MemoryServiceOptions _options;

    private readonly Func<string, Microsoft.Extensions.VectorData.VectorStore> _openStore;

    /// <param name="options">The service options.</param>
    /// <param name="embedder">The embedder, or the word embedder.</param>
    /// <param name="openStore">Opens the store on a directory, or a <see cref="FaissVectorStore"/>.</param>
    public MemoryHarness(
        MemoryServiceOptions? options = null, IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
        Func<string, Microsoft.Extensions.VectorData.VectorStore>? openStore = null)
    {
        _options = options ?? new MemoryServiceOptions();
        _openStore = openStore ?? (directory => new FaissVectorStore(directory));
        Directory = _directory.Path;
        Embedder = embedder ?? WordEmbedder();
        Store = _openStore(Directory);
        Service = new MemoryService(Store, Embedder, _options, Time);
    }

    public string Directory { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public IEmbeddingGenerator<string, Embedding<float>> Embedder { get; }

    public Microsoft.Extensions.VectorData.VectorStore Store { get; private set; }

    public MemoryService Service { get; private set; }

    public static IEmbeddingGenerator<string, Embedding<float>> WordEmbedder(string modelId = "words-256", int dimensions = Dimensions)
    {
        var inner = ScriptedEmbeddingGenerator.Words(dimensions);
        return new ScriptedEmbeddingGenerator<string>(inner.Embed)
        {
            Metadata = new EmbeddingGeneratorMetadata("scripted", null, modelId, dimensions),
        };
    }

    /// <summary>Closes the store and opens it again from its directory.</summary>
    public async Task ReopenAsync(MemoryServiceOptions? options = null)
    {
        await Service.DisposeAsync();
        Store.Dispose();
        Store = _openStore(Directory);
        Service = new MemoryService(Store, Embedder, options ?? _options, Time);
    }

    public void Dispose()
    {
        Service.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Store.Dispose();
        _directory.Dispose();
    }
}
