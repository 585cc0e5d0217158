using ContextMemory.VectorStore.Tests.Conformance;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.DependencyInjection;

/// <summary>
/// The registrations' lifetimes (singleton, scoped, transient) for stores and collections, keyed and unkeyed; store
/// options read from configuration (and refused, naming the key, when wrong); and the embedding generator taken from the
/// container whether registered as the generic or the non-generic interface.
/// </summary>
public sealed class LifetimeAndConfigurationTests : IDisposable
{
    private readonly TemporaryDirectories _directories = new("cm-vectorstore-tests");

    public void Dispose() => _directories.Dispose();

    public static TheoryData<ServiceLifetime> Lifetimes => [ServiceLifetime.Singleton, ServiceLifetime.Scoped, ServiceLifetime.Transient];

    [Theory]
    [MemberData(nameof(Lifetimes))]
    public async Task A_store_is_shared_as_its_lifetime_says(ServiceLifetime lifetime)
    {
        await using var provider = new ServiceCollection()
            .AddFaissVectorStore(_directories.New(), lifetime: lifetime)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using var first = provider.CreateAsyncScope();
        await using var second = provider.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<FaissVectorStore>();
        var b = first.ServiceProvider.GetRequiredService<FaissVectorStore>();
        var c = second.ServiceProvider.GetRequiredService<FaissVectorStore>();
        var abstraction = first.ServiceProvider.GetRequiredService<Microsoft.Extensions.VectorData.VectorStore>();

        AssertSharing(lifetime, a, b, c, abstraction);
        Assert.False(await abstraction.CollectionExistsAsync("none"));
    }

    [Theory]
    [MemberData(nameof(Lifetimes))]
    public async Task A_keyed_store_is_shared_as_its_lifetime_says(ServiceLifetime lifetime)
    {
        await using var provider = new ServiceCollection()
            .AddKeyedFaissVectorStore("k", _directories.New(), lifetime: lifetime)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using var first = provider.CreateAsyncScope();
        await using var second = provider.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredKeyedService<FaissVectorStore>("k");
        var b = first.ServiceProvider.GetRequiredKeyedService<FaissVectorStore>("k");
        var c = second.ServiceProvider.GetRequiredKeyedService<FaissVectorStore>("k");

        AssertSharing(lifetime, a, b, c, first.ServiceProvider.GetRequiredKeyedService<Microsoft.Extensions.VectorData.VectorStore>("k"));
        Assert.Null(provider.GetService<FaissVectorStore>());
    }

    [Theory]
    [MemberData(nameof(Lifetimes))]
    public async Task A_collection_is_shared_as_its_lifetime_says_and_sees_the_same_data(ServiceLifetime lifetime)
    {
        await using var provider = new ServiceCollection()
            .AddFaissVectorStore(_directories.New())
            .AddFaissCollection<int, ServiceRecord>("lives", lifetime: lifetime)
            .AddKeyedFaissCollection<int, ServiceRecord>("keyed", "lives", lifetime: lifetime)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using var first = provider.CreateAsyncScope();
        await using var second = provider.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<FaissCollection<int, ServiceRecord>>();
        var b = first.ServiceProvider.GetRequiredService<FaissCollection<int, ServiceRecord>>();
        var c = second.ServiceProvider.GetRequiredService<FaissCollection<int, ServiceRecord>>();
        AssertSharing(lifetime, a, b, c, first.ServiceProvider.GetRequiredService<VectorStoreCollection<int, ServiceRecord>>());
        AssertSharing(
            lifetime,
            first.ServiceProvider.GetRequiredKeyedService<FaissCollection<int, ServiceRecord>>("keyed"),
            first.ServiceProvider.GetRequiredKeyedService<FaissCollection<int, ServiceRecord>>("keyed"),
            second.ServiceProvider.GetRequiredKeyedService<FaissCollection<int, ServiceRecord>>("keyed"),
            first.ServiceProvider.GetRequiredKeyedService<IVectorSearchable<ServiceRecord>>("keyed"));
        Assert.IsType<FaissCollection<int, ServiceRecord>>(second.ServiceProvider.GetRequiredService<IKeywordHybridSearchable<ServiceRecord>>());

        await a.EnsureCollectionExistsAsync();
        await a.UpsertAsync(new ServiceRecord { Id = 7, Text = "seven", Vector = new float[] { 0, 0, 1, 0 } });
        Assert.Equal("seven", (await c.GetAsync(7))?.Text);
    }

    [Fact]
    public async Task A_scoped_store_is_disposed_with_its_scope()
    {
        await using var provider = new ServiceCollection()
            .AddFaissVectorStore(_directories.New(), lifetime: ServiceLifetime.Scoped)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        FaissVectorStore store;
        await using (var scope = provider.CreateAsyncScope())
        {
            store = scope.ServiceProvider.GetRequiredService<FaissVectorStore>();
            Assert.False(await store.CollectionExistsAsync("any"));
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CollectionExistsAsync("any"));
    }

    [Fact]
    public async Task Store_options_come_from_a_configuration_section()
    {
        var directory = _directories.New();
        var configuration = Configuration(new()
        {
            ["VectorStore:Directory"] = directory,
            ["VectorStore:Durability"] = "Normal",
            ["VectorStore:BusyTimeout"] = "00:00:07",
            ["VectorStore:StartOverWhenDatabaseIsLost"] = "true",
            ["VectorStore:Index:HnswM"] = "16",
            ["VectorStore:Index:TrainingThreshold"] = "128",
            ["VectorStore:Index:AdaptFilteredSearch"] = "false",
            ["VectorStore:Index:RebuildRatio"] = "0.5",
        });
        await using var provider = new ServiceCollection()
            .AddFaissVectorStore(configuration.GetSection("VectorStore"))
            .AddKeyedFaissVectorStore("other", configuration.GetSection("VectorStore"), ServiceLifetime.Transient)
            .BuildServiceProvider();

        var store = provider.GetRequiredService<FaissVectorStore>();

        Assert.Equal(Path.GetFullPath(directory), store.Directory);
        Assert.Equal(FaissStoreDurability.Normal, store.Options.Durability);
        Assert.Equal(TimeSpan.FromSeconds(7), store.Options.BusyTimeout);
        Assert.True(store.Options.StartOverWhenDatabaseIsLost);
        Assert.Equal(16, store.Options.Index.HnswM);
        Assert.Equal(128, store.Options.Index.TrainingThreshold);
        Assert.False(store.Options.Index.AdaptFilteredSearch);
        Assert.Equal(0.5, store.Options.Index.RebuildRatio);
        Assert.Equal(FaissIndexOptions.Default.HnswEfSearch, store.Options.Index.HnswEfSearch);
        Assert.Equal(32, FaissIndexOptions.Default.HnswM);
        Assert.Equal(store.Directory, provider.GetRequiredKeyedService<FaissVectorStore>("other").Directory);
    }

    [Fact]
    public async Task A_section_without_index_settings_keeps_the_defaults()
    {
        var configuration = Configuration(new() { ["Store:Directory"] = _directories.New() });
        await using var provider = new ServiceCollection().AddFaissVectorStore(configuration.GetSection("Store")).BuildServiceProvider();

        var options = provider.GetRequiredService<FaissVectorStore>().Options;

        Assert.Same(FaissIndexOptions.Default, options.Index);
        Assert.Equal(FaissStoreDurability.Full, options.Durability);
        Assert.Equal(TimeSpan.FromSeconds(30), options.BusyTimeout);
    }

    [Theory]
    [InlineData("Store:Durability", "Sometimes", "Store:Durability")]
    [InlineData("Store:BusyTimeout", "soon", "Store:BusyTimeout")]
    [InlineData("Store:Index:HnswM", "99999999999", "Store:Index:HnswM")]
    [InlineData("Store:Index:HnswMm", "16", "Store:Index:HnswMm")]
    [InlineData("Store:Durabilty", "Full", "Store:Durabilty")]
    public async Task A_wrong_configuration_value_or_key_is_refused_naming_it(string key, string value, string named)
    {
        var configuration = Configuration(new() { ["Store:Directory"] = _directories.New(), [key] = value });
        await using var provider = new ServiceCollection().AddFaissVectorStore(configuration.GetSection("Store")).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<FaissVectorStore>());

        Assert.Contains($"'{named}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_section_without_a_directory_is_refused_naming_the_key()
    {
        var configuration = Configuration(new() { ["Store:Durability"] = "Full" });
        await using var provider = new ServiceCollection().AddFaissVectorStore(configuration.GetSection("Store")).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<FaissVectorStore>());

        Assert.Contains("'Store:Directory'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_generic_embedding_generator_in_the_container_is_used()
    {
        var generator = ScriptedEmbeddingGenerator.Text(EmbeddingGenerationTests.Dimensions);
        await using var provider = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator>(generator)
            .AddFaissVectorStore(_directories.New())
            .AddFaissCollection<string, EmbeddedRecord>("embedded")
            .BuildServiceProvider();

        Assert.Same(generator, provider.GetRequiredService<FaissVectorStore>().Options.EmbeddingGenerator);
        var collection = provider.GetRequiredService<FaissCollection<string, EmbeddedRecord>>();
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([new EmbeddedRecord { Id = "a", Body = "apples", Embedding = "apples" }, new EmbeddedRecord { Id = "b", Body = "boats", Embedding = "boats" }]);

        Assert.Equal("b", Assert.Single(await collection.SearchAsync("boats", 1).ToListAsync()).Record.Id);
        Assert.Equal(2, generator.Calls.Count);
    }

    [Fact]
    public async Task The_generic_embedding_generator_wins_over_the_non_generic_one()
    {
        var generic = ScriptedEmbeddingGenerator.Text(4);
        await using var provider = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator>(ScriptedEmbeddingGenerator.Text(4))
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(generic)
            .AddKeyedFaissVectorStore("k", _directories.New(), lifetime: ServiceLifetime.Scoped)
            .BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        Assert.Same(generic, scope.ServiceProvider.GetRequiredKeyedService<FaissVectorStore>("k").Options.EmbeddingGenerator);
    }

    [Fact]
    public async Task A_collection_of_a_scoped_store_in_a_singleton_registration_is_refused_by_scope_validation()
    {
        await using var provider = new ServiceCollection()
            .AddFaissVectorStore(_directories.New(), lifetime: ServiceLifetime.Scoped)
            .AddFaissCollection<int, ServiceRecord>("captive")
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<FaissCollection<int, ServiceRecord>>());
    }

    private static void AssertSharing(ServiceLifetime lifetime, object a, object b, object otherScope, object abstraction)
    {
        switch (lifetime)
        {
            case ServiceLifetime.Singleton:
                Assert.Same(a, b);
                Assert.Same(a, otherScope);
                Assert.Same(a, abstraction);
                break;
            case ServiceLifetime.Scoped:
                Assert.Same(a, b);
                Assert.NotSame(a, otherScope);
                Assert.Same(a, abstraction);
                break;
            default:
                Assert.NotSame(a, b);
                Assert.NotSame(a, otherScope);
                Assert.NotSame(a, abstraction);
                break;
        }
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
