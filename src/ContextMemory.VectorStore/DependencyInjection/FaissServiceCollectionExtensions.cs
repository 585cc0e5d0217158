using ContextMemory.VectorStore;
using ContextMemory.VectorStore.DependencyInjection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the FAISS vector store and its collections in a service collection, in the Semantic Kernel connectors' convention.</summary>
/// <remarks>
/// <para>Every method takes a <see cref="ServiceLifetime"/> (default <see cref="ServiceLifetime.Singleton"/>). A singleton
/// store is the recommended use (one per directory and process, see <see cref="FaissVectorStore"/>); a scoped or transient
/// store opens the directory for each scope or resolution and is disposed (its checkpoints written) when the container
/// disposes it. A collection's lifetime must not be longer than its store's (a singleton collection of a scoped store is
/// refused by a container that validates scopes).</para>
/// <para>When the options name no logger factory or embedding generator, the container's are used: an
/// <see cref="ILoggerFactory"/>, and an <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> or, when none is
/// registered, a non-generic <see cref="IEmbeddingGenerator"/>. Collections take the store's generator unless their own
/// options name one (the most specific wins).</para>
/// <para>The first registration of a service type (and key) wins; later ones are ignored.</para>
/// </remarks>
public static class FaissServiceCollectionExtensions
{
    /// <summary>Registers a <see cref="FaissVectorStore"/> over <paramref name="directory"/> as itself and as <see cref="VectorStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="directory">The store directory.</param>
    /// <param name="options">Store options; null for the defaults completed from the container.</param>
    /// <param name="lifetime">The lifetime of the store registrations.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddFaissVectorStore(
        this IServiceCollection services, string directory, FaissVectorStoreOptions? options = null, ServiceLifetime lifetime = ServiceLifetime.Singleton) =>
        services.AddKeyedFaissVectorStore(null, directory, options, lifetime);

    /// <summary>Registers a <see cref="FaissVectorStore"/> whose directory and options come from the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="directory">Gives the store directory.</param>
    /// <param name="options">Gives the store options; null for the defaults completed from the container.</param>
    /// <param name="lifetime">The lifetime of the store registrations.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddFaissVectorStore(
        this IServiceCollection services,
        Func<IServiceProvider, string> directory,
        Func<IServiceProvider, FaissVectorStoreOptions>? options = null,
        ServiceLifetime lifetime = ServiceLifetime.Singleton) =>
        services.AddKeyedFaissVectorStore(null, directory, options, lifetime);

    /// <summary>
    /// Registers a <see cref="FaissVectorStore"/> whose directory and options are read from <paramref name="configuration"/>
    /// (a section such as <c>"VectorStore"</c>): <c>Directory</c> (required), <c>Durability</c> (<c>Full</c> or <c>Normal</c>),
    /// <c>BusyTimeout</c> (a <see cref="TimeSpan"/> such as <c>00:00:30</c>), <c>StartOverWhenDatabaseIsLost</c>, and
    /// <c>Index:&lt;name&gt;</c> for each property of <see cref="FaissIndexOptions"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section; read each time a store is created.</param>
    /// <param name="lifetime">The lifetime of the store registrations.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <remarks>
    /// Resolving the store throws <see cref="InvalidOperationException"/> naming the key when the section has no
    /// <c>Directory</c>, a value that does not convert, or a key the options do not have (a misspelt setting is not ignored).
    /// </remarks>
    public static IServiceCollection AddFaissVectorStore(
        this IServiceCollection services, IConfiguration configuration, ServiceLifetime lifetime = ServiceLifetime.Singleton) =>
        services.AddKeyedFaissVectorStore(null, configuration, lifetime);

    /// <summary>Registers a keyed <see cref="FaissVectorStore"/> (several stores in one container).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; null registers the unkeyed store.</param>
    /// <param name="directory">The store directory.</param>
    /// <param name="options">Store options; null for the defaults completed from the container.</param>
    /// <param name="lifetime">The lifetime of the store registrations.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedFaissVectorStore(
        this IServiceCollection services,
        object? serviceKey,
        string directory,
        FaissVectorStoreOptions? options = null,
        ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return services.AddKeyedFaissVectorStore(serviceKey, _ => directory, options is null ? null : _ => options, lifetime);
    }

    /// <summary>Registers a keyed <see cref="FaissVectorStore"/> whose directory and options come from the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; null registers the unkeyed store.</param>
    /// <param name="directory">Gives the store directory.</param>
    /// <param name="options">Gives the store options; null for the defaults completed from the container.</param>
    /// <param name="lifetime">The lifetime of the store registrations.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedFaissVectorStore(
        this IServiceCollection services,
        object? serviceKey,
        Func<IServiceProvider, string> directory,
        Func<IServiceProvider, FaissVectorStoreOptions>? options = null,
        ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(directory);
        services.TryAdd(new ServiceDescriptor(
            typeof(FaissVectorStore),
            serviceKey,
            (provider, _) => new FaissVectorStore(directory(provider), Complete(provider, options?.Invoke(provider))),
            lifetime));
        services.TryAdd(new ServiceDescriptor(typeof(VectorStore), serviceKey, static (provider, key) => provider.GetRequiredKeyedService<FaissVectorStore>(key), lifetime));
        return services;
    }

    /// <summary>Registers a keyed <see cref="FaissVectorStore"/> whose directory and options are read from <paramref name="configuration"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; null registers the unkeyed store.</param>
    /// <param name="configuration">The configuration section (see <see cref="AddFaissVectorStore(IServiceCollection, IConfiguration, ServiceLifetime)"/>).</param>
    /// <param name="lifetime">The lifetime of the store registrations.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedFaissVectorStore(
        this IServiceCollection services, object? serviceKey, IConfiguration configuration, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddKeyedFaissVectorStore(serviceKey, _ => StoreConfiguration.Directory(configuration), _ => StoreConfiguration.Options(configuration), lifetime);
    }

    /// <summary>
    /// Registers the collection <paramref name="name"/> of the registered (unkeyed) <see cref="FaissVectorStore"/> as
    /// <see cref="FaissCollection{TKey, TRecord}"/>, <see cref="VectorStoreCollection{TKey, TRecord}"/>,
    /// <see cref="IVectorSearchable{TRecord}"/> and <see cref="IKeywordHybridSearchable{TRecord}"/>.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="name">The collection name.</param>
    /// <param name="options">Collection options (copied).</param>
    /// <param name="lifetime">The lifetime of the collection registrations; not longer than the store's.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddFaissCollection<TKey, TRecord>(
        this IServiceCollection services, string name, FaissCollectionOptions? options = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
        where TKey : notnull
        where TRecord : class =>
        services.AddKeyedFaissCollection<TKey, TRecord>(null, name, options, storeKey: null, lifetime);

    /// <summary>Registers a keyed collection of the store registered under <paramref name="storeKey"/> (the unkeyed store when null).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key of the collection registrations; null registers them unkeyed.</param>
    /// <param name="name">The collection name.</param>
    /// <param name="options">Collection options (copied).</param>
    /// <param name="storeKey">The key of the store registration; null for the unkeyed store.</param>
    /// <param name="lifetime">The lifetime of the collection registrations; not longer than the store's.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedFaissCollection<TKey, TRecord>(
        this IServiceCollection services,
        object? serviceKey,
        string name,
        FaissCollectionOptions? options = null,
        object? storeKey = null,
        ServiceLifetime lifetime = ServiceLifetime.Singleton)
        where TKey : notnull
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(services);
        CollectionNames.Validate(name);
        var copy = new FaissCollectionOptions(options);
        services.TryAdd(new ServiceDescriptor(
            typeof(FaissCollection<TKey, TRecord>),
            serviceKey,
            (provider, _) => new FaissCollection<TKey, TRecord>(provider.GetRequiredKeyedService<FaissVectorStore>(storeKey), name, new FaissCollectionOptions(copy)),
            lifetime));
        Forward<FaissCollection<TKey, TRecord>>(services, typeof(VectorStoreCollection<TKey, TRecord>), serviceKey, lifetime);
        Forward<FaissCollection<TKey, TRecord>>(services, typeof(IVectorSearchable<TRecord>), serviceKey, lifetime);
        Forward<FaissCollection<TKey, TRecord>>(services, typeof(IKeywordHybridSearchable<TRecord>), serviceKey, lifetime);
        return services;
    }

    private static void Forward<TImplementation>(IServiceCollection services, Type serviceType, object? serviceKey, ServiceLifetime lifetime)
        where TImplementation : notnull =>
        services.TryAdd(new ServiceDescriptor(serviceType, serviceKey, static (provider, key) => provider.GetRequiredKeyedService<TImplementation>(key), lifetime));

    private static FaissVectorStoreOptions Complete(IServiceProvider provider, FaissVectorStoreOptions? options)
    {
        options ??= FaissVectorStoreOptions.Default;
        return new FaissVectorStoreOptions
        {
            EmbeddingGenerator = options.EmbeddingGenerator
                ?? provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>()
                ?? provider.GetService<IEmbeddingGenerator>(),
            LoggerFactory = options.LoggerFactory ?? provider.GetService<ILoggerFactory>(),
            Index = options.Index,
            Durability = options.Durability,
            BusyTimeout = options.BusyTimeout,
            StartOverWhenDatabaseIsLost = options.StartOverWhenDatabaseIsLost,
        };
    }
}
