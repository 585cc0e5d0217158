namespace ContextMemory.Bench.Embeddings;

public static class CachedPipelineFigures
{
    public static Task Run(EmbedBenchOptions options) => Task.CompletedTask;
}
