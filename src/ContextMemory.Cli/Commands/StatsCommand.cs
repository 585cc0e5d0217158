using System.CommandLine;
using System.Globalization;
using ContextMemory.Cli.Hosting;
using ContextMemory.Cli.Output;
using ContextMemory.Embeddings.Caching;
using Microsoft.Extensions.AI;
using Spectre.Console;

namespace ContextMemory.Cli.Commands;

/// <summary><c>stats</c>: what the data directory holds and how it is doing.</summary>
internal sealed class StatsCommand
{
    // The memory collections' vector property names no index kind, so the store uses its default (docs/design/store.md).
    private const string IndexKind = "Flat (exact search; the store's default for the memory collections)";

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("stats", "Counts by kind and by scope, index kind, sizes on disk, last checkpoint, embedder and embedding cache hit rate.");
        runner.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var host = context.Host;
        var settings = context.Settings;
        var statistics = await host.Memory.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        var metadata = host.EmbedderMetadata;
        var (hits, misses) = UsageCounters.Read(settings.DataDirectory);
        var cacheEntries = host.Embedder.GetService<PersistentCachingEmbeddingGenerator>()?.CountEntries() ?? 0;
        var indexes = Path.Combine(settings.StoreDirectory, "indexes");
        var lastCheckpoint = Directory.Exists(indexes)
            ? new DirectoryInfo(indexes).EnumerateFiles("*.cmfi").Select(file => (DateTimeOffset?)file.LastWriteTimeUtc).Max()
            : null;

        context.IO.Console.Write(Tables.KeyValues(
        [
            ("data directory", settings.DataDirectory),
            ("memories", statistics.Total.ToString(CultureInfo.InvariantCulture)),
            ("  facts", statistics.Facts.ToString(CultureInfo.InvariantCulture)),
            ("  episodes", statistics.Episodes.ToString(CultureInfo.InvariantCulture)),
            ("history entries", statistics.HistoryEntries.ToString(CultureInfo.InvariantCulture)),
            ("index kind", IndexKind),
            ("store on disk", Tables.Bytes(DataDirectory.SizeOf(settings.StoreDirectory))),
            ("  indexes", Tables.Bytes(DataDirectory.SizeOf(indexes))),
            ("embedding cache on disk", Tables.Bytes(new FileInfo(settings.EmbeddingCachePath) is { Exists: true } cache ? cache.Length : 0)),
            ("last checkpoint", lastCheckpoint is { } time ? Tables.Time(time) + " UTC" : "none yet"),
            ("embedder", $"{metadata?.ProviderName} {metadata?.DefaultModelId} ({metadata?.DefaultModelDimensions} dimensions)"),
            ("store made with", $"{statistics.EmbeddingModelId} ({statistics.Dimensions} dimensions)"),
            ("embedding cache", string.Create(CultureInfo.InvariantCulture,
                $"{cacheEntries} entries; hit rate {(hits + misses == 0 ? "n/a" : (hits / (double)(hits + misses)).ToString("P1", CultureInfo.InvariantCulture))} ({hits} hits, {misses} misses over all runs)")),
        ]));

        var scopes = new Table().AddColumns("scope", "memories");
        foreach (var entry in statistics.Scopes)
        {
            scopes.AddRow(Tables.Cell(Scopes.Describe(entry.Scope)), Tables.Cell(entry.Count.ToString(CultureInfo.InvariantCulture)));
        }

        context.IO.Console.Write(scopes);
        return ExitCodes.Success;
    }
}
