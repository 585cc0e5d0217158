using ContextMemory.VectorStore.Tests.Conformance;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.DependencyInjection;

/// <summary>
/// The service collection extensions: one store instance per registration, collections resolvable under every
/// abstraction they implement, keyed registrations kept apart, and the container's embedding generator and logger
/// factory used when the options name none.
/// </summary>
public sealed class ServiceRegistrationTests : IDisposable
{
    private readonly TemporaryDirectories _directories = new("cm-vectorstore-tests");

    public void Dispose() => _directories.Dispose();

    [Fact]
    public void The_store_resolves_as_one_instance_under_both_types()
    {
        var directory = _directories.New();
        using var provider = new ServiceCollection().AddFaissVectorStore(directory).BuildServiceProvider();

        var store = provider.GetRequiredService<FaissVectorStore>();

        Assert.Same(store, provider.GetRequiredService<FaissVectorStore>());
        Assert.Same(store, provider.GetRequiredService<Microsoft.Extensions.VectorData.VectorStore>());
        Assert.Equal(Path.GetFullPath(directory), store.Directory);
    }

    [Fact]
    public async Task Disposing_the_container_disposes_the_store()
    {
        var provider = new ServiceCollection().AddFaissVectorStore(_directories.New()).BuildServiceProvider();
        var store = provider.GetRequiredService<FaissVectorStore>();

        await provider.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CollectionExistsAsync("any"));
    }

    [Fact]
    public async Task A_collection_resolves_as_one_instance_under_every_abstraction_it_implements()
    {
        using var provider = new ServiceCollection()
            .AddFaissVectorStore(_directories.New())
            .AddFaissCollection<int, ServiceRecord>("services")
            .BuildServiceProvider();

        var collection = provider.GetRequiredService<FaissCollection<int, ServiceRecord>>();

        Assert.Same(collection, provider.GetRequiredService<VectorStoreCollection<int, ServiceRecord>>());
        Assert.Same(collection, provider.GetRequiredService<IVectorSearchable<ServiceRecord>>());
        Assert.Same(collection, provider.GetRequiredService<IKeywordHybridSearchable<ServiceRecord>>());
        Assert.Equal("services", collection.Name);
        Assert.Same(provider.GetRequiredService<FaissVectorStore>(), collection.GetService(typeof(FaissVectorStore)));
        await AssertWorksAsync(collection);
    }

    [Fact]
    public async Task Keyed_stores_and_collections_stay_apart()
    {
        var first = _directories.New();
        var second = _directories.New();
        using var provider = new ServiceCollection()
            .AddKeyedFaissVectorStore("first", first)
            .AddKeyedFaissVectorStore("second", second)
            .AddFaissVectorStore(_directories.New())
            .AddKeyedFaissCollection<int, ServiceRecord>("in-first", "shared-name", storeKey: "first")
            .AddKeyedFaissCollection<int, ServiceRecord>("in-second", "shared-name", storeKey: "second")
            .AddKeyedFaissCollection<int, ServiceRecord>("in-default", "shared-name")
            .BuildServiceProvider();

        var firstStore = provider.GetRequiredKeyedService<FaissVectorStore>("first");
        var secondStore = provider.GetRequiredKeyedService<FaissVectorStore>("second");
        var defaultStore = provider.GetRequiredService<FaissVectorStore>();

        Assert.Same(firstStore, provider.GetRequiredKeyedService<Microsoft.Extensions.VectorData.VectorStore>("first"));
        Assert.Same(secondStore, provider.GetRequiredKeyedService<Microsoft.Extensions.VectorData.VectorStore>("second"));
        Assert.Equal(Path.GetFullPath(first), firstStore.Directory);
        Assert.Equal(Path.GetFullPath(second), secondStore.Directory);
        Assert.Equal(3, new HashSet<FaissVectorStore>([firstStore, secondStore, defaultStore]).Count);

        var inFirst = provider.GetRequiredKeyedService<FaissCollection<int, ServiceRecord>>("in-first");
        var inSecond = provider.GetRequiredKeyedService<FaissCollection<int, ServiceRecord>>("in-second");
        var inDefault = provider.GetRequiredKeyedService<FaissCollection<int, ServiceRecord>>("in-default");
        Assert.Same(inFirst, provider.GetRequiredKeyedService<VectorStoreCollection<int, ServiceRecord>>("in-first"));
        Assert.Same(inFirst, provider.GetRequiredKeyedService<IVectorSearchable<ServiceRecord>>("in-first"));
        Assert.Same(inFirst, provider.GetRequiredKeyedService<IKeywordHybridSearchable<ServiceRecord>>("in-first"));
        Assert.Same(firstStore, inFirst.GetService(typeof(FaissVectorStore)));
        Assert.Same(secondStore, inSecond.GetService(typeof(FaissVectorStore)));
        Assert.Same(defaultStore, inDefault.GetService(typeof(FaissVectorStore)));

        await AssertWorksAsync(inFirst);
        Assert.True(await firstStore.CollectionExistsAsync("shared-name"));
        Assert.False(await secondStore.CollectionExistsAsync("shared-name"));
        Assert.False(await defaultStore.CollectionExistsAsync("shared-name"));
    }

    [Fact]
    public async Task The_containers_embedding_generator_and_logger_factory_are_used_when_options_omit_them()
    {
        var generator = ScriptedEmbeddingGenerator.Text(EmbeddingGenerationTests.Dimensions);
        var logs = new CapturingLoggerFactory();
        var services = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(generator)
            .AddSingleton<ILoggerFactory>(logs)
            .AddFaissVectorStore(_directories.New(), new FaissVectorStoreOptions { Index = TestOptions.Index() })
            .AddFaissCollection<string, EmbeddedRecord>("embedded");
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<FaissVectorStore>();
        Assert.Same(generator, store.Options.EmbeddingGenerator);
        Assert.Same(logs, store.Options.LoggerFactory);
        Assert.Equal(TestOptions.Threshold, store.Options.Index.TrainingThreshold);

        var collection = provider.GetRequiredService<FaissCollection<string, EmbeddedRecord>>();
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([new EmbeddedRecord { Id = "a", Body = "apples", Embedding = "apples" }, new EmbeddedRecord { Id = "b", Body = "boats", Embedding = "boats" }]);
        var nearest = await collection.SearchAsync("boats", 1).ToListAsync();

        Assert.Equal("b", Assert.Single(nearest).Record.Id);
        Assert.Equal(2, generator.Calls.Count);

        // A damaged checkpoint is reported through the container's logger factory.
        await collection.CheckpointAsync();
        var checkpoint = Assert.Single(Directory.GetFiles(Path.Combine(store.Directory, "indexes"), "*.cmfi"));
        var directory = store.Directory;
        await provider.DisposeAsync();
        await File.WriteAllTextAsync(checkpoint, "damaged");
        using var restarted = services.BuildServiceProvider();
        Assert.Equal("b", (await restarted.GetRequiredService<FaissCollection<string, EmbeddedRecord>>().SearchAsync("boats", 1).ToListAsync()).Single().Record.Id);
        Assert.Contains(logs.Warnings, w => w.Message.Contains("embedded", StringComparison.Ordinal));
        Assert.Equal(directory, restarted.GetRequiredService<FaissVectorStore>().Directory);
    }

    [Fact]
    public void Options_that_name_a_generator_and_logger_factory_win_over_the_container()
    {
        var own = ScriptedEmbeddingGenerator.Text(4);
        var ownLogs = new CapturingLoggerFactory();
        using var provider = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(ScriptedEmbeddingGenerator.Text(4))
            .AddSingleton<ILoggerFactory>(new CapturingLoggerFactory())
            .AddKeyedFaissVectorStore("own", _directories.New(), new FaissVectorStoreOptions
            {
                EmbeddingGenerator = own,
                LoggerFactory = ownLogs,
                Durability = FaissStoreDurability.Normal,
                BusyTimeout = TimeSpan.FromSeconds(3),
            })
            .BuildServiceProvider();

        var store = provider.GetRequiredKeyedService<FaissVectorStore>("own");

        Assert.Same(own, store.Options.EmbeddingGenerator);
        Assert.Same(ownLogs, store.Options.LoggerFactory);
        Assert.Equal(FaissStoreDurability.Normal, store.Options.Durability);
        Assert.Equal(TimeSpan.FromSeconds(3), store.Options.BusyTimeout);
    }

    [Fact]
    public void A_keyed_store_also_takes_the_containers_services()
    {
        var generator = ScriptedEmbeddingGenerator.Text(4);
        var logs = new CapturingLoggerFactory();
        using var provider = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(generator)
            .AddSingleton<ILoggerFactory>(logs)
            .AddKeyedFaissVectorStore("keyed", _directories.New())
            .BuildServiceProvider();

        var store = provider.GetRequiredKeyedService<FaissVectorStore>("keyed");

        Assert.Same(generator, store.Options.EmbeddingGenerator);
        Assert.Same(logs, store.Options.LoggerFactory);
    }

    [Fact]
    public void The_directory_and_options_can_come_from_the_container()
    {
        var directory = _directories.New();
        using var provider = new ServiceCollection()
            .AddSingleton(new StoreLocation(directory))
            .AddFaissVectorStore(sp => sp.GetRequiredService<StoreLocation>().Path, _ => new FaissVectorStoreOptions { Index = TestOptions.Index(threshold: 321) })
            .BuildServiceProvider();

        var store = provider.GetRequiredService<FaissVectorStore>();

        Assert.Equal(Path.GetFullPath(directory), store.Directory);
        Assert.Equal(321, store.Options.Index.DynamicThreshold);
    }

    [Fact]
    public void A_second_registration_of_the_store_keeps_the_first()
    {
        var first = _directories.New();
        using var provider = new ServiceCollection()
            .AddFaissVectorStore(first)
            .AddFaissVectorStore(_directories.New())
            .BuildServiceProvider();

        Assert.Equal(Path.GetFullPath(first), provider.GetRequiredService<FaissVectorStore>().Directory);
    }

    [Fact]
    public void Collection_options_given_at_registration_apply_to_the_resolved_collection()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = [new VectorStoreVectorProperty(nameof(ServiceRecord.Vector), typeof(ReadOnlyMemory<float>), 4) { IndexKind = "NotAKind" }],
        };
        using var provider = new ServiceCollection()
            .AddFaissVectorStore(_directories.New())
            .AddFaissCollection<int, ServiceRecord>("refused", new FaissCollectionOptions { Definition = definition })
            .BuildServiceProvider();

        Assert.Throws<NotSupportedException>(() => provider.GetRequiredService<FaissCollection<int, ServiceRecord>>());
    }

    private static async Task AssertWorksAsync(FaissCollection<int, ServiceRecord> collection)
    {
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(
        [
            new ServiceRecord { Id = 1, Text = "first", Vector = new float[] { 1, 0, 0, 0 } },
            new ServiceRecord { Id = 2, Text = "second", Vector = new float[] { 0, 1, 0, 0 } },
        ]);
        var nearest = await collection.SearchAsync(new float[] { 0, 0.9f, 0.1f, 0 }, 1).ToListAsync();
        Assert.Equal(2, Assert.Single(nearest).Record.Id);
    }

    /// <summary>A configuration object a directory factory reads.</summary>
    public sealed record StoreLocation(string Path);
}
