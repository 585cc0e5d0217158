using System.Globalization;
using System.Text.Json;
using ContextMemory.VectorStore.Tests.Reliability.Protocol;

namespace ContextMemory.VectorStore.TestHost;

/// <summary>
/// Opens each store of a <see cref="ProbeRequest"/> in turn and reports, per case: <c>case {name}</c>, every warning
/// or error logged (<c>log {level} {message}</c>), <c>result {collection} {query} {id}:{score};...</c> for each query, and
/// <c>end {name}</c>; or <c>error {name} {exception}</c> when opening or searching threw. A native crash ends the
/// process with a non-zero exit code after the <c>case</c> line of the store that caused it.
/// </summary>
internal static class DamageProbe
{
    public static async Task<int> RunAsync(string requestPath)
    {
        var request = JsonSerializer.Deserialize<ProbeRequest>(await File.ReadAllTextAsync(requestPath))
            ?? throw new InvalidDataException("empty probe request");
        foreach (var probeCase in request.Cases)
        {
            Console.WriteLine($"case {probeCase.Name}");
            try
            {
                var logger = new CapturingLoggerFactory((level, message) => Console.WriteLine($"log {level} {message.ReplaceLineEndings(" ")}"));
                using var store = new FaissVectorStore(probeCase.Directory, new FaissVectorStoreOptions { Index = request.IndexOptions, LoggerFactory = logger });
                foreach (var probed in request.Collections)
                {
                    var collection = ReliabilitySchema.Collection(store, probed.Name, probed.IndexKind);
                    for (var q = 0; q < request.QueryCount; q++)
                    {
                        var hits = new List<string>();
                        await foreach (var hit in collection.SearchAsync(RecordFactory.QueryOf(q), request.Top))
                        {
                            hits.Add(string.Create(CultureInfo.InvariantCulture, $"{hit.Record.Id}:{hit.Score:R}"));
                        }

                        Console.WriteLine($"result {probed.Name} {q} {string.Join(';', hits)}");
                    }
                }
            }
            catch (Exception ex)
            {
                Console.WriteLine($"error {probeCase.Name} {ex.ToString().ReplaceLineEndings(" | ")}");
            }

            Console.WriteLine($"end {probeCase.Name}");
        }

        return 0;
    }
}
