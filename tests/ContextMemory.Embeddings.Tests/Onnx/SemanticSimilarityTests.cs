using ContextMemory.Embeddings.Onnx;
using ContextMemory.Embeddings.Tests.Support;

namespace ContextMemory.Embeddings.Tests.Onnx;

/// <summary>The real models put texts that mean the same thing closer than texts that do not.</summary>
[Collection(LocalModelsGroup.Name)]
public sealed class SemanticSimilarityTests(LocalModels models)
{
    // (anchor, paraphrase, unrelated): the paraphrase must score higher against the anchor than the unrelated text.
    public static readonly TheoryData<string, string, string> Triples = new()
    {
        { "I adopted a cat", "my new kitten", "the quarterly report" },
        { "I adopted a cat", "we got a pet from the animal shelter", "the printer is out of toner" },
        { "She loves hiking in the mountains", "her favourite hobby is walking up hills", "the invoice was paid late" },
        { "My flight to Tokyo leaves at 6 am", "I have an early plane to Japan", "the soup needs more salt" },
        { "I am allergic to peanuts", "nuts make me sick", "the train was delayed by an hour" },
        { "The server ran out of disk space", "the machine's storage is full", "my grandmother bakes bread" },
        { "I started learning the piano", "I take keyboard lessons now", "the stock market fell today" },
        { "We are expecting a baby in March", "my wife is pregnant", "the car needs new tyres" },
        { "He moved to Berlin for a new job", "he relocated to Germany for work", "the cake recipe uses butter" },
        { "I prefer tea to coffee", "I usually drink tea instead of coffee", "the bridge was built in 1890" },
        { "The meeting is moved to Tuesday", "we rescheduled the meeting for Tuesday", "penguins live in Antarctica" },
        { "My daughter broke her arm", "my child fractured a bone", "the wifi password changed" },
        { "I want to lose weight", "I am trying to diet", "the museum opens at nine" },
        { "Our team won the football match", "we beat them at soccer", "the lease ends in June" },
        { "I can't sleep at night", "I have insomnia", "the parcel was delivered" },
        { "The budget for next year was approved", "finance signed off on the annual spending plan", "my dog chases squirrels" },
        { "I'm vegetarian", "I don't eat meat", "the river flooded the valley" },
        { "Please answer in French", "reply to me in the French language", "the laptop battery is dead" },
        { "My birthday is on the 3rd of May", "I was born on May 3", "the garden needs watering" },
        { "The kids have a school trip tomorrow", "the children go on an excursion with their class", "oil prices rose" },
        { "I lost my keys", "I can't find my house keys", "the violin concert was sold out" },
        { "He works as a nurse", "his job is in healthcare, at a hospital", "the volcano erupted" },
        { "We need to fix the login bug", "users cannot sign in because of an error", "the orchestra tuned up" },
        { "I'm afraid of spiders", "arachnids scare me", "the mortgage rate is fixed" },
    };

    [Theory]
    [MemberData(nameof(Triples))]
    public async Task Arctic_scores_a_paraphrase_above_an_unrelated_text(string anchor, string paraphrase, string unrelated) =>
        await AssertCloser(models.Arctic, anchor, paraphrase, unrelated);

    [Theory]
    [MemberData(nameof(Triples))]
    public async Task MiniLm_scores_a_paraphrase_above_an_unrelated_text(string anchor, string paraphrase, string unrelated) =>
        await AssertCloser(models.MiniLm, anchor, paraphrase, unrelated);

    [Theory]
    [InlineData(OnnxEmbeddingModel.ArcticEmbedXs)]
    [InlineData(OnnxEmbeddingModel.MiniLmL6)]
    public async Task Vectors_are_unit_length_by_default(OnnxEmbeddingModel model)
    {
        foreach (var vector in await models.For(model).EmbedAllAsync(Corpus.Plain))
        {
            Assert.Equal(384, vector.Length);
            Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(vector), 1e-4f);
        }
    }

    private static async Task AssertCloser(OnnxEmbeddingGenerator generator, string anchor, string paraphrase, string unrelated)
    {
        var vectors = await generator.EmbedAllAsync([anchor, paraphrase, unrelated]);
        var related = Vectors.Cosine(vectors[0], vectors[1]);
        var other = Vectors.Cosine(vectors[0], vectors[2]);
        Assert.True(related > other, $"'{paraphrase}' scored {related}, '{unrelated}' scored {other}");
    }
}
