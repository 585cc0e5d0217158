using ContextMemory.Embeddings.Onnx;
using ContextMemory.Embeddings.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContextMemory.Embeddings.Tests.Selection;

/// <summary>Which embedder the options, configuration and environment select, and the errors for bad settings.</summary>
public sealed class SelectionTests
{
    [Fact]
    public void The_default_is_the_local_arctic_model()
    {
        using var generator = ContextMemoryEmbeddings.CreateGenerator(new ContextMemoryEmbeddingOptions(), new FakeEnvironment().Lookup, null);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;
        Assert.Equal((OnnxEmbeddingGenerator.ProviderName, OnnxEmbeddingGenerator.ArcticEmbedXsId, 384), (metadata.ProviderName, metadata.DefaultModelId, metadata.DefaultModelDimensions));
        Assert.NotNull(generator.GetService<OnnxEmbeddingGenerator>());
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("all-MiniLM-L6-v2")]
    [InlineData("MiniLM-L6")]
    public void The_model_option_selects_minilm(string name)
    {
        using var generator = ContextMemoryEmbeddings.CreateGenerator(new ContextMemoryEmbeddingOptions { Model = name }, new FakeEnvironment().Lookup, null);
        Assert.Equal(OnnxEmbeddingGenerator.MiniLmL6Id, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void The_embedder_variable_overrides_the_options()
    {
        var environment = new FakeEnvironment((EmbeddingEnvironment.Embedder, "openai"));
        var error = Assert.Throws<EmbeddingConfigurationException>(() =>
            ContextMemoryEmbeddings.CreateGenerator(new ContextMemoryEmbeddingOptions { Embedder = EmbedderKind.Onnx }, environment.Lookup, null));

        // OpenAI was chosen (by the variable), and it has no key.
        Assert.Equal(EmbeddingErrors.MissingApiKey, error.Message);
    }

    [Fact]
    public void Options_win_over_the_filling_variables()
    {
        var environment = new FakeEnvironment((EmbeddingEnvironment.Model, "minilm"), (EmbeddingEnvironment.ApiKey, "env-key"), (EmbeddingEnvironment.Dimensions, "99"));
        var settings = EmbeddingSettings.Resolve(new ContextMemoryEmbeddingOptions { Model = "arctic-embed-xs", ApiKey = "option-key", Dimensions = 384 }, environment.Lookup);
        Assert.Equal(("arctic-embed-xs", "option-key", 384), (settings.Model, settings.ApiKey, settings.Dimensions));

        var filled = EmbeddingSettings.Resolve(new ContextMemoryEmbeddingOptions(), environment.Lookup);
        Assert.Equal(("minilm", "env-key", 99), (filled.Model, filled.ApiKey, filled.Dimensions));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("")]
    [InlineData("onnx; DROP TABLE")]
    public void An_unknown_embedder_name_is_a_configuration_error(string value)
    {
        var environment = new FakeEnvironment((EmbeddingEnvironment.Embedder, value));
        if (value.Length == 0)
        {
            // An empty variable is unset: the options decide.
            Assert.Equal(EmbedderKind.Onnx, EmbeddingSettings.Resolve(new ContextMemoryEmbeddingOptions(), environment.Lookup).Embedder);
            return;
        }

        var error = Assert.Throws<EmbeddingConfigurationException>(() => EmbeddingSettings.Resolve(new ContextMemoryEmbeddingOptions(), environment.Lookup));
        Assert.Equal(EmbeddingErrors.UnknownEmbedder(value), error.Message);
    }

    [Theory]
    [InlineData("zero")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("2147483648")]
    [InlineData("1e3")]
    public void Bad_dimensions_in_the_environment_are_a_configuration_error(string value)
    {
        var environment = new FakeEnvironment((EmbeddingEnvironment.Dimensions, value));
        var error = Assert.Throws<EmbeddingConfigurationException>(() => EmbeddingSettings.Resolve(new ContextMemoryEmbeddingOptions(), environment.Lookup));
        Assert.Equal(EmbeddingErrors.BadDimensions(value), error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Bad_dimensions_in_the_options_are_a_configuration_error(int value)
    {
        var error = Assert.Throws<EmbeddingConfigurationException>(() =>
            EmbeddingSettings.Resolve(new ContextMemoryEmbeddingOptions { Dimensions = value }, new FakeEnvironment().Lookup));
        Assert.Equal(EmbeddingErrors.BadDimensions(value.ToString(System.Globalization.CultureInfo.InvariantCulture)), error.Message);
    }

    [Fact]
    public void The_local_models_accept_only_384_dimensions()
    {
        var error = Assert.Throws<EmbeddingConfigurationException>(() =>
            ContextMemoryEmbeddings.CreateGenerator(new ContextMemoryEmbeddingOptions { Dimensions = 1536 }, new FakeEnvironment().Lookup, null));
        Assert.Equal(EmbeddingErrors.OnnxDimensions(1536), error.Message);
    }

    [Fact]
    public void An_unknown_local_model_is_a_configuration_error()
    {
        var error = Assert.Throws<EmbeddingConfigurationException>(() =>
            ContextMemoryEmbeddings.CreateGenerator(new ContextMemoryEmbeddingOptions { Model = "bge-large" }, new FakeEnvironment().Lookup, null));
        Assert.Equal(EmbeddingErrors.UnknownOnnxModel("bge-large"), error.Message);
    }

    [Fact]
    public void An_out_of_range_local_option_is_a_configuration_error()
    {
        var error = Assert.Throws<EmbeddingConfigurationException>(() =>
            ContextMemoryEmbeddings.CreateGenerator(new ContextMemoryEmbeddingOptions { MaxTokens = 100_000 }, new FakeEnvironment().Lookup, null));
        Assert.StartsWith(OnnxEmbeddingErrors.MaxTokensRange(100_000, 512), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dependency_injection_registers_the_generator_bound_from_configuration()
    {
        using var directories = new TemporaryDirectories("cm-embeddings-tests", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
        var cache = Path.Combine(directories.New(), "embeddings.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ContextMemory:Embeddings:Embedder"] = "Onnx",
            ["ContextMemory:Embeddings:Model"] = "minilm",
            ["ContextMemory:Embeddings:CachePath"] = cache,
            ["ContextMemory:Embeddings:MaxBatchSize"] = "8",
        }).Build();
        var services = new ServiceCollection().AddContextMemoryEmbeddings(configuration.GetSection(ContextMemoryEmbeddingOptions.SectionName));

        await using (var provider = services.BuildServiceProvider())
        {
            var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            Assert.Same(generator, provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
            Assert.Equal(OnnxEmbeddingGenerator.MiniLmL6Id, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
            Assert.Equal(384, (await generator.GenerateAsync(["configured"]))[0].Vector.Length);
            Assert.NotNull(generator.GetService<ContextMemory.Embeddings.Caching.EmbeddingCacheStatistics>());
        }

        Assert.True(File.Exists(cache));
    }

    [Fact]
    public void Dependency_injection_with_a_delegate_configures_the_options()
    {
        var services = new ServiceCollection().AddContextMemoryEmbeddings(o => o.Model = "minilm");
        using var provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Assert.Equal(OnnxEmbeddingGenerator.MiniLmL6Id, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }
}
