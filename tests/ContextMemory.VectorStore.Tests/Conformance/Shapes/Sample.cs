using ContextMemory.VectorStore.Tests.Support;

namespace ContextMemory.VectorStore.Tests.Conformance.Shapes;

/// <summary>The values of one test record, independent of how a collection represents records.</summary>
public sealed record Sample(int Ordinal, string Category, int Number, double Weight, string[] Tags, string Text, float[] Embedding, float[] Alternate)
{
    /// <summary>The category only a handful of samples have.</summary>
    public const string RareCategory = "rare";

    /// <summary>The tag only a handful of samples have.</summary>
    public const string RareTag = "scarlet";

    public static readonly string[] Categories = ["alpha", "beta", "gamma", "delta"];

    public static readonly string[] CommonTags = ["red", "green", "blue"];

    /// <summary>
    /// Deterministic samples: categories in uneven shares plus a rare one, numbers with many ties (for ordering),
    /// tags, text, and two independent uniform vectors.
    /// </summary>
    public static IReadOnlyList<Sample> Generate(int count, int dimensions, int seed = 7)
    {
        var random = new Random(seed);
        var samples = new List<Sample>(count);
        for (var i = 0; i < count; i++)
        {
            var draw = random.Next(10);
            var category = i % 61 == 7 ? RareCategory : Categories[draw < 4 ? 0 : draw < 6 ? 1 : draw < 8 ? 2 : 3];
            var tags = CommonTags.Where(_ => random.Next(3) == 0).ToList();
            if (i % 53 == 11)
            {
                tags.Add(RareTag);
            }

            samples.Add(new Sample(
                i,
                category,
                Number: (i * 37) % 101,
                Weight: Math.Round(random.NextDouble() * 100, 3),
                Tags: [.. tags],
                Text: $"record {i} about {category} with {string.Join(" and ", tags.DefaultIfEmpty("nothing"))}",
                Embedding: TestVectors.Uniform(random, dimensions),
                Alternate: TestVectors.Uniform(random, dimensions)));
        }

        return samples;
    }

    /// <summary>The same record with new data and new vectors (as a replacing upsert would write).</summary>
    public Sample Changed(Random random) => this with
    {
        Category = "changed",
        Number = Number + 1000,
        Weight = Weight + 0.5,
        Tags = ["changed"],
        Text = "changed text",
        Embedding = TestVectors.Uniform(random, Embedding.Length),
        Alternate = TestVectors.Uniform(random, Alternate.Length),
    };
}
