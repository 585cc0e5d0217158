using ContextMemory.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ContextMemory embedding pipeline in a service collection.</summary>
public static class ContextMemoryEmbeddingsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (string to <see cref="Embedding{T}"/> of float) as a
    /// singleton built by <see cref="ContextMemoryEmbeddings.CreateGenerator(ContextMemoryEmbeddingOptions, ILoggerFactory?)"/>
    /// from <see cref="ContextMemoryEmbeddingOptions"/> (configured with <paramref name="configure"/>) and the environment.
    /// The container's <see cref="ILoggerFactory"/>, when there is one, logs the pipeline.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; null keeps those configured elsewhere (or the defaults).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddContextMemoryEmbeddings(this IServiceCollection services, Action<ContextMemoryEmbeddingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ContextMemoryEmbeddingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(provider => ContextMemoryEmbeddings.CreateGenerator(
            provider.GetRequiredService<IOptions<ContextMemoryEmbeddingOptions>>().Value, provider.GetService<ILoggerFactory>()));
        return services;
    }

    /// <summary>Like <see cref="AddContextMemoryEmbeddings(IServiceCollection, Action{ContextMemoryEmbeddingOptions}?)"/>, with the options bound from <paramref name="configuration"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding the options (e.g. <c>configuration.GetSection(ContextMemoryEmbeddingOptions.SectionName)</c>).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddContextMemoryEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ContextMemoryEmbeddingOptions>().Bind(configuration);
        return services.AddContextMemoryEmbeddings();
    }
}
