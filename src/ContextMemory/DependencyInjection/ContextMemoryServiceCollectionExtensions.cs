using ContextMemory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the memory service.</summary>
public static class ContextMemoryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MemoryService"/> as a singleton over the container's <see cref="VectorStore"/> and
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of strings (register both first, e.g. with
    /// <c>AddFaissVectorStore</c> and <c>AddContextMemoryEmbeddings</c>), and the container's <see cref="TimeProvider"/>
    /// and <see cref="ILoggerFactory"/> when present.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes to the options, or none.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddContextMemory(this IServiceCollection services, Action<MemoryServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MemoryServiceOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => new MemoryService(
            sp.GetRequiredService<VectorStore>(),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<IOptions<MemoryServiceOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
        return services;
    }
}
