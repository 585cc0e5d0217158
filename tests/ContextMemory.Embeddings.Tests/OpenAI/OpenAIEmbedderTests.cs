using System.ClientModel;
using ContextMemory.Embeddings.Tests.Support;
using Microsoft.Extensions.AI;

namespace ContextMemory.Embeddings.Tests.OpenAI;

/// <summary>The OpenAI embedder through the real OpenAI client against a local HTTP server speaking OpenAI's protocol.</summary>
public sealed class OpenAIEmbedderTests : IDisposable
{
    private readonly OpenAIEmbeddingsServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Texts_are_embedded_through_the_endpoint_with_the_configured_model_key_and_dimensions()
    {
        using var generator = Create(new() { Embedder = EmbedderKind.OpenAI, Endpoint = _server.BaseUrl, ApiKey = "sk-test", Model = "nomic-embed-text", Dimensions = 8 });

        var embeddings = await generator.GenerateAsync(["first text", "second text"]);

        Assert.Equal(OpenAIEmbeddingsServer.VectorFor("first text", 8), embeddings[0].Vector.ToArray());
        Assert.Equal(OpenAIEmbeddingsServer.VectorFor("second text", 8), embeddings[1].Vector.ToArray());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("nomic-embed-text", request["model"]!.GetValue<string>());
        Assert.Equal(8, request["dimensions"]!.GetValue<int>());
        Assert.Equal("Bearer sk-test", Assert.Single(_server.Authorizations));
    }

    [Fact]
    public async Task The_environment_supplies_key_base_url_model_and_dimensions()
    {
        var environment = new FakeEnvironment(
            (EmbeddingEnvironment.Embedder, "openai"),
            (EmbeddingEnvironment.ApiKey, "sk-from-env"),
            (EmbeddingEnvironment.BaseUrl, _server.BaseUrl),
            (EmbeddingEnvironment.Model, "env-model"),
            (EmbeddingEnvironment.Dimensions, "8"));
        using var generator = ContextMemoryEmbeddings.CreateGenerator(new ContextMemoryEmbeddingOptions(), environment.Lookup, null);

        await generator.GenerateAsync(["hello"]);

        Assert.Equal("env-model", Assert.Single(_server.Requests)["model"]!.GetValue<string>());
        Assert.Equal("Bearer sk-from-env", Assert.Single(_server.Authorizations));
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;
        Assert.Equal(("openai", "env-model", 8), (metadata.ProviderName, metadata.DefaultModelId, metadata.DefaultModelDimensions));
    }

    [Fact]
    public async Task A_known_model_without_configured_dimensions_uses_its_native_length_and_sends_none()
    {
        _server.Dimensions = 1536;
        using var generator = Create(new() { Embedder = EmbedderKind.OpenAI, Endpoint = _server.BaseUrl, ApiKey = "k" });

        var embedding = (await generator.GenerateAsync(["x"]))[0];

        Assert.Equal(1536, embedding.Vector.Length);
        Assert.Equal("text-embedding-3-small", Assert.Single(_server.Requests)["model"]!.GetValue<string>());
        Assert.Null(_server.Requests[0]["dimensions"]);
        Assert.Equal(1536, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }

    [Fact]
    public async Task Vectors_of_another_length_than_configured_are_refused()
    {
        _server.Dimensions = 12;
        using var generator = Create(new() { Embedder = EmbedderKind.OpenAI, Endpoint = _server.BaseUrl, ApiKey = "k", Model = "m", Dimensions = 8 });

        var error = await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() => generator.GenerateAsync(["x"]));

        Assert.Equal(EmbeddingErrors.WrongDimensions("m", 12, 8), error.Message);
        Assert.Equal((8, 12), (error.Expected, error.Actual));
    }

    [Fact]
    public async Task A_response_with_fewer_vectors_than_texts_is_refused()
    {
        _server.VectorCount = 1;
        using var generator = Create(new() { Embedder = EmbedderKind.OpenAI, Endpoint = _server.BaseUrl, ApiKey = "k", Model = "m", Dimensions = 8 });

        var error = await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.Equal(EmbeddingErrors.WrongCount("m", 1, 2), error.Message);
    }

    [Fact]
    public async Task A_rejected_key_surfaces_as_the_clients_error_with_the_status()
    {
        _server.FailWith = System.Net.HttpStatusCode.Unauthorized;
        using var generator = Create(new() { Embedder = EmbedderKind.OpenAI, Endpoint = _server.BaseUrl, ApiKey = "wrong", Model = "m", Dimensions = 8 });

        var error = await Assert.ThrowsAsync<ClientResultException>(() => generator.GenerateAsync(["x"]));

        Assert.Equal(401, error.Status);
    }

    [Fact]
    public void A_missing_key_is_a_configuration_error_naming_the_variable()
    {
        var error = Assert.Throws<EmbeddingConfigurationException>(() => Create(new() { Embedder = EmbedderKind.OpenAI, Endpoint = _server.BaseUrl }));
        Assert.Equal(EmbeddingErrors.MissingApiKey, error.Message);
        Assert.Contains(EmbeddingEnvironment.ApiKey, error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void An_unknown_model_without_dimensions_is_a_configuration_error()
    {
        var error = Assert.Throws<EmbeddingConfigurationException>(() => Create(new() { Embedder = EmbedderKind.OpenAI, ApiKey = "k", Model = "my-model" }));
        Assert.Equal(EmbeddingErrors.UnknownRemoteDimensions("my-model"), error.Message);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/v1")]
    [InlineData("/relative/v1")]
    public void A_bad_endpoint_is_a_configuration_error(string endpoint)
    {
        var error = Assert.Throws<EmbeddingConfigurationException>(() => Create(new() { Embedder = EmbedderKind.OpenAI, ApiKey = "k", Endpoint = endpoint }));
        Assert.Equal(EmbeddingErrors.BadEndpoint(endpoint), error.Message);
    }

    [Fact]
    public async Task The_cached_openai_pipeline_calls_the_endpoint_once_per_distinct_text()
    {
        using var directories = new TemporaryDirectories("cm-embeddings-tests", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
        var cache = Path.Combine(directories.New(), "cache.db");
        var options = new ContextMemoryEmbeddingOptions { Embedder = EmbedderKind.OpenAI, Endpoint = _server.BaseUrl, ApiKey = "k", Model = "m", Dimensions = 8, CachePath = cache };
        using (var generator = Create(options))
        {
            await generator.GenerateAsync(["a", "b", "a"]);
            await generator.GenerateAsync(["b", "c"]);
        }

        using (var reopened = Create(options))
        {
            var again = await reopened.GenerateAsync(["c", "a"]);
            Assert.Equal(OpenAIEmbeddingsServer.VectorFor("c", 8), again[0].Vector.ToArray());
        }

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(new[] { "a", "b" }, _server.Requests[0]["input"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(new[] { "c" }, _server.Requests[1]["input"]!.AsArray().Select(i => i!.GetValue<string>()));
    }

    private static IEmbeddingGenerator<string, Embedding<float>> Create(ContextMemoryEmbeddingOptions options) =>
        ContextMemoryEmbeddings.CreateGenerator(options, new FakeEnvironment().Lookup, null);
}
