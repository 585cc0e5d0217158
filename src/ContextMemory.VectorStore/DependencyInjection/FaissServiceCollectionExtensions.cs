using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.DependencyInjection;

/// <summary>Registers the FAISS vector store and its collections in a service collection.</summary>
/// <remarks>
/// The store is a singleton (one per directory and process); collections are singletons too (they are cheap views of
/// the store). When the options name no logger factory or embedding generator, the ones registered in the container
/// (<see cref="ILoggerFactory"/>, <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>) are used.
/// </remarks>
public static class FaissServiceCollectionExtensions
{
    /// <summary>Registers a <see cref="FaissVectorStore"/> over <paramref name="directory"/> as itself and as <see cref="Microsoft.Extensions.VectorData.VectorStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="directory">The store directory.</param>
    /// <param name="options">Store options; null for the defaults completed from the container.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddFaissVectorStore(this IServiceCollection services, string directory, FaissVectorStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return services.AddFaissVectorStore(_ => directory, options is null ? null : _ => options);
    }

    /// <summary>Registers a <see cref="FaissVectorStore"/> whose directory and options come from the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="directory">Gives the store directory.</param>
    /// <param name="options">Gives the store options; null for the defaults completed from the container.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddFaissVectorStore(
        this IServiceCollection services, Func<IServiceProvider, string> directory, Func<IServiceProvider, FaissVectorStoreOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(directory);
        services.TryAddSingleton(provider => new FaissVectorStore(directory(provider), Complete(provider, options?.Invoke(provider))));
        services.TryAddSingleton<Microsoft.Extensions.VectorData.VectorStore>(provider => provider.GetRequiredService<FaissVectorStore>());
        return services;
    }

    /// <summary>Registers a keyed <see cref="FaissVectorStore"/> (several stores in one container).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="directory">The store directory.</param>
    /// <param name="options">Store options; null for the defaults completed from the container.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedFaissVectorStore(
        this IServiceCollection services, object? serviceKey, string directory, FaissVectorStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        services.TryAddKeyedSingleton(serviceKey, (provider, _) => new FaissVectorStore(directory, Complete(provider, options)));
        services.TryAddKeyedSingleton<Microsoft.Extensions.VectorData.VectorStore>(serviceKey, (provider, key) => provider.GetRequiredKeyedService<FaissVectorStore>(key));
        return services;
    }

    /// <summary>
    /// Registers the collection <paramref name="name"/> of the registered <see cref="FaissVectorStore"/> as
    /// <see cref="FaissCollection{TKey, TRecord}"/>, <see cref="VectorStoreCollection{TKey, TRecord}"/>,
    /// <see cref="IVectorSearchable{TRecord}"/> and <see cref="IKeywordHybridSearchable{TRecord}"/>.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="name">The collection name.</param>
    /// <param name="options">Collection options.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddFaissCollection<TKey, TRecord>(
        this IServiceCollection services, string name, FaissCollectionOptions? options = null)
        where TKey : notnull
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(services);
        CollectionNames.Validate(name);
        services.TryAddSingleton(provider => new FaissCollection<TKey, TRecord>(provider.GetRequiredService<FaissVectorStore>(), name, Copy(options)));
        services.TryAddSingleton<VectorStoreCollection<TKey, TRecord>>(provider => provider.GetRequiredService<FaissCollection<TKey, TRecord>>());
        services.TryAddSingleton<IVectorSearchable<TRecord>>(provider => provider.GetRequiredService<FaissCollection<TKey, TRecord>>());
        services.TryAddSingleton<IKeywordHybridSearchable<TRecord>>(provider => provider.GetRequiredService<FaissCollection<TKey, TRecord>>());
        return services;
    }

    /// <summary>Registers a keyed collection (of the store registered under <paramref name="storeKey"/>, or the unkeyed store when null).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key of the collection registrations.</param>
    /// <param name="name">The collection name.</param>
    /// <param name="options">Collection options.</param>
    /// <param name="storeKey">The key of the store registration; null for the unkeyed store.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedFaissCollection<TKey, TRecord>(
        this IServiceCollection services, object? serviceKey, string name, FaissCollectionOptions? options = null, object? storeKey = null)
        where TKey : notnull
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(services);
        CollectionNames.Validate(name);
        services.TryAddKeyedSingleton(serviceKey, (provider, _) => new FaissCollection<TKey, TRecord>(
            storeKey is null ? provider.GetRequiredService<FaissVectorStore>() : provider.GetRequiredKeyedService<FaissVectorStore>(storeKey),
            name, Copy(options)));
        services.TryAddKeyedSingleton<VectorStoreCollection<TKey, TRecord>>(serviceKey, (provider, key) => provider.GetRequiredKeyedService<FaissCollection<TKey, TRecord>>(key));
        services.TryAddKeyedSingleton<IVectorSearchable<TRecord>>(serviceKey, (provider, key) => provider.GetRequiredKeyedService<FaissCollection<TKey, TRecord>>(key));
        services.TryAddKeyedSingleton<IKeywordHybridSearchable<TRecord>>(serviceKey, (provider, key) => provider.GetRequiredKeyedService<FaissCollection<TKey, TRecord>>(key));
        return services;
    }

    private static FaissVectorStoreOptions Complete(IServiceProvider provider, FaissVectorStoreOptions? options)
    {
        options ??= FaissVectorStoreOptions.Default;
        return new FaissVectorStoreOptions
        {
            EmbeddingGenerator = options.EmbeddingGenerator ?? provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>(),
            LoggerFactory = options.LoggerFactory ?? provider.GetService<ILoggerFactory>(),
            Index = options.Index,
            Durability = options.Durability,
            BusyTimeout = options.BusyTimeout,
        };
    }

    private static FaissCollectionOptions Copy(FaissCollectionOptions? options) => new(options);
}
