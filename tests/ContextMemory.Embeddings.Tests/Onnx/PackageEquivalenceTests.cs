using ContextMemory.Embeddings.Onnx;
using ContextMemory.Embeddings.Tests.Support;

namespace ContextMemory.Embeddings.Tests.Onnx;

/// <summary>
/// The shipped generator (ONNX Runtime + BertTokenizer, length-bucketed batches) against the model package's own
/// encoder over the same model file: the same vectors within 1e-5 on texts both tokenizers split alike.
/// </summary>
[Collection(LocalModelsGroup.Name)]
public sealed class PackageEquivalenceTests(LocalModels models)
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(OnnxEmbeddingModel.ArcticEmbedXs)]
    [InlineData(OnnxEmbeddingModel.MiniLmL6)]
    public async Task Vectors_match_the_package_encoder_within_1e5(OnnxEmbeddingModel model)
    {
        var expected = Vectors.PackageEncode(model, Corpus.Plain);
        var actual = await models.For(model).EmbedAllAsync(Corpus.Plain);

        for (var i = 0; i < Corpus.Plain.Length; i++)
        {
            var difference = Vectors.MaxAbsDifference(expected[i], actual[i]);
            Assert.True(difference <= Tolerance, $"text {i} '{Corpus.Plain[i]}' differs by {difference}");
        }
    }

    [Theory]
    [InlineData(OnnxEmbeddingModel.ArcticEmbedXs)]
    [InlineData(OnnxEmbeddingModel.MiniLmL6)]
    public async Task Vectors_match_the_package_encoder_run_one_text_at_a_time(OnnxEmbeddingModel model)
    {
        // One text per run: no padding on either side, so pooling is compared without the batching around it.
        foreach (var text in Corpus.Plain[..4])
        {
            var expected = Vectors.PackageEncode(model, [text])[0];
            var actual = await models.For(model).EmbedAsync(text);
            Assert.True(Vectors.MaxAbsDifference(expected, actual) <= Tolerance, text);
        }
    }

    [Fact]
    public async Task Pooling_is_what_each_model_expects_cls_for_arctic_and_mean_for_minilm()
    {
        // Swapping the poolings must break the match: the test would not notice a wrong pooling otherwise.
        var text = Corpus.Plain[1];
        var arcticReference = Vectors.PackageEncode(OnnxEmbeddingModel.ArcticEmbedXs, [text])[0];
        var miniLmReference = Vectors.PackageEncode(OnnxEmbeddingModel.MiniLmL6, [text])[0];

        var arctic = await models.Arctic.EmbedAsync(text);
        var miniLm = await models.MiniLm.EmbedAsync(text);
        Assert.True(Vectors.MaxAbsDifference(arcticReference, arctic) <= Tolerance);
        Assert.True(Vectors.MaxAbsDifference(miniLmReference, miniLm) <= Tolerance);
        Assert.True(Vectors.MaxAbsDifference(arcticReference, miniLmReference) > 0.01f);
    }
}
