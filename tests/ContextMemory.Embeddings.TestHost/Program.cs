using System.Globalization;
using ContextMemory.Embeddings.Caching;
using ContextMemory.Tests.Shared;
using Microsoft.Extensions.AI;

// usage: <cache path> <first text number> <count> <rounds>: embeds "text N" for the range, in batches of 25, round after round.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: ContextMemory.Embeddings.TestHost <cache path> <first> <count> <rounds>");
    return 2;
}

var first = int.Parse(args[1], CultureInfo.InvariantCulture);
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
var rounds = int.Parse(args[3], CultureInfo.InvariantCulture);
var scripted = ScriptedEmbeddingGenerator.Text(8);
using var cache = new PersistentCachingEmbeddingGenerator(
    new ScriptedEmbeddingGenerator<string>(scripted.Embed) { Metadata = new EmbeddingGeneratorMetadata("scripted", null, "scripted-model", 8) }, args[0]);
for (var round = 0; round < rounds; round++)
{
    foreach (var batch in Enumerable.Range(first, count).Chunk(25))
    {
        var texts = batch.Select(n => $"text {n}").ToArray();
        var vectors = await cache.GenerateAsync(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            if (!vectors[i].Vector.Span.SequenceEqual(scripted.Embed(texts[i])))
            {
                Console.Error.WriteLine($"wrong vector for '{texts[i]}'");
                return 3;
            }
        }
    }
}

var statistics = cache.Statistics;
Console.WriteLine(FormattableString.Invariant($"hits={statistics.Hits} misses={statistics.Misses} errors={statistics.Errors} rebuilds={statistics.Rebuilds}"));
return statistics.Errors == 0 && statistics.Rebuilds == 0 ? 0 : 4;
