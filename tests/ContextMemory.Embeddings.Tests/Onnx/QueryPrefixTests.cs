using ContextMemory.Embeddings.Tests.Support;

namespace ContextMemory.Embeddings.Tests.Onnx;

/// <summary>arctic-embed-xs embeds queries with its instruction prefix; MiniLM embeds queries and documents alike.</summary>
[Collection(LocalModelsGroup.Name)]
public sealed class QueryPrefixTests(LocalModels models)
{
    // Memories and the question that should find each one (same index).
    private static readonly string[] Memories =
    [
        "I adopted a grey cat named Pixel from the shelter last spring.",
        "My sister Ana lives in Lisbon and works as an architect.",
        "I'm allergic to peanuts, so I always check the ingredients.",
        "The quarterly sales report is due to the board on Friday.",
        "We're flying to Tokyo on the 12th of March for two weeks.",
        "I started piano lessons in January with a teacher called Marta.",
        "My laptop's battery died and I ordered a replacement online.",
        "Our wedding anniversary is on the 4th of July.",
        "I run five kilometres every morning before work.",
        "The database backup job runs every night at 2 am.",
        "My son Leo plays goalkeeper for the school football team.",
        "I prefer green tea; coffee makes me jittery.",
    ];

    private static readonly string[] Questions =
    [
        "what pet do I have",
        "where does my sister live",
        "what food allergies do I have",
        "when is the sales report due",
        "when is the trip to Japan",
        "which instrument am I learning",
        "what happened to my computer",
        "when is our anniversary",
        "how do I exercise",
        "when do backups happen",
        "what sport does my son play",
        "what do I like to drink",
    ];

    [Fact]
    public async Task Marking_a_text_as_a_query_adds_the_prefix_for_arctic()
    {
        var asDocument = await models.Arctic.EmbedAsync("what pet do I have", EmbeddingInputKind.ForDocument());
        var asQuery = await models.Arctic.EmbedAsync("what pet do I have", EmbeddingInputKind.ForQuery());
        var prefixed = await models.Arctic.EmbedAsync(ContextMemory.Embeddings.Onnx.OnnxEmbeddingGenerator.ArcticQueryPrefix + "what pet do I have");
        var unmarked = await models.Arctic.EmbedAsync("what pet do I have");

        Assert.True(Vectors.MaxAbsDifference(asDocument, asQuery) > 1e-3f);
        Assert.True(Vectors.MaxAbsDifference(asQuery, prefixed) <= 1e-5f);
        Assert.True(Vectors.MaxAbsDifference(asDocument, unmarked) <= 1e-6f);
    }

    [Fact]
    public async Task MiniLm_embeds_a_query_like_a_document()
    {
        var asDocument = await models.MiniLm.EmbedAsync("what pet do I have", EmbeddingInputKind.ForDocument());
        var asQuery = await models.MiniLm.EmbedAsync("what pet do I have", EmbeddingInputKind.ForQuery());
        Assert.True(Vectors.MaxAbsDifference(asDocument, asQuery) <= 1e-6f);
    }

    [Fact]
    public async Task The_query_prefix_improves_retrieval_of_the_right_memory()
    {
        var memories = await models.Arctic.EmbedAllAsync(Memories, EmbeddingInputKind.ForDocument());
        var withPrefix = await models.Arctic.EmbedAllAsync(Questions, EmbeddingInputKind.ForQuery());
        var withoutPrefix = await models.Arctic.EmbedAllAsync(Questions, EmbeddingInputKind.ForDocument());

        var prefixed = Retrieval.Score(withPrefix, memories);
        var bare = Retrieval.Score(withoutPrefix, memories);

        Assert.True(prefixed.MeanReciprocalRank >= bare.MeanReciprocalRank, $"MRR with prefix {prefixed.MeanReciprocalRank}, without {bare.MeanReciprocalRank}");
        Assert.True(prefixed.MeanMargin > bare.MeanMargin, $"margin with prefix {prefixed.MeanMargin}, without {bare.MeanMargin}");
        Assert.True(prefixed.TopOne >= Questions.Length - 2, $"top-1 with prefix {prefixed.TopOne} of {Questions.Length}");
    }
}
