using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ContextMemory.VectorStore.Tests.Reliability.Protocol;
using ContextMemory.VectorStore.Tests.Reliability.Support;
using Microsoft.Extensions.VectorData;
using Xunit.Abstractions;

namespace ContextMemory.VectorStore.Tests.Reliability;

/// <summary>
/// Checkpoint files damaged every way we can think of (truncated, bits flipped in header, user data and payload,
/// replaced by random bytes, an empty file, another collection's or another store's checkpoint, a text file) must
/// never crash the process that opens the store: each damage is detected before FAISS reads the file, the file is
/// quarantined with a warning, and the rebuilt index answers searches exactly like brute force over the database.
/// Every open of a damaged store runs in a child process, so a native crash would show as a missing <c>end</c> line and a
/// non-zero exit; the test process only reopens the stores afterwards, to check that the rebuilt checkpoints load quietly.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class IndexDamageTests(ITestOutputHelper output) : TemporaryDirectoryTest("cm-damage-")
{
    private const int Seed = 5_518;
    private const int RecordCount = 300;
    private const int DeleteEvery = 10;
    private const int StaleCount = 200;
    private const int RandomFlips = 10;
    private const int QueryCount = 6;
    private const int Top = 10;

    /// <summary>efSearch above the collection size makes HNSW visit every node, so its answers are exact too.</summary>
    private const int HnswEfSearch = 512;

    private const int ContainerHeaderSize = 256;

    private static readonly ProbeTarget[] Collections = [new("flat", IndexKind.Flat), new("hnsw", IndexKind.Hnsw)];

    [Fact]
    public async Task Damaged_or_foreign_checkpoints_are_quarantined_and_rebuilt_without_crashing_the_process()
    {
        var pristine = Temp.Combine("pristine");
        var foreign = Temp.Combine("foreign");
        var staleStore = Temp.Combine("stale");
        await BuildStoreAsync(pristine, staleStore);
        await BuildStoreAsync(foreign, staleStoreCopy: null);

        var cases = new List<DamageCase>();
        for (var c = 0; c < Collections.Length; c++)
        {
            var file = CheckpointName(c);
            var bytes = await File.ReadAllBytesAsync(Path.Combine(pristine, "indexes", file));
            var other = await File.ReadAllBytesAsync(Path.Combine(pristine, "indexes", CheckpointName(1 - c)));
            var foreignBytes = await File.ReadAllBytesAsync(Path.Combine(foreign, "indexes", file));
            cases.AddRange(FileDamages(Collections[c].Name, file, bytes, other, foreignBytes));
            cases.Add(new DamageCase($"{Collections[c].Name}-stale-checkpoint", null,
                dir => File.Copy(Path.Combine(staleStore, "indexes", file), Path.Combine(dir, "indexes", file), overwrite: true)));
            cases.Add(new DamageCase($"{Collections[c].Name}-directory-instead-of-checkpoint", file, dir =>
            {
                File.Delete(Path.Combine(dir, "indexes", file));
                Directory.CreateDirectory(Path.Combine(dir, "indexes", file, "inside"));
            }));

            // A database restored from an older copy under newer checkpoints: the checkpoint is ahead of it.
            cases.Add(new DamageCase($"{Collections[c].Name}-ahead-of-database", file, dir =>
            {
                Directory.Delete(dir, recursive: true);
                StoreFiles.CopyDirectory(staleStore, dir);
                File.Copy(Path.Combine(pristine, "indexes", file), Path.Combine(dir, "indexes", file), overwrite: true);
            })
            { Live = StaleCount });
        }

        cases.AddRange(StoreLevelCases());

        var request = new ProbeRequest([], Collections, HnswEfSearch, QueryCount, Top);
        var probeCases = new List<ProbeCase>();
        foreach (var damage in cases)
        {
            var directory = Temp.Combine("cases", damage.Name);
            StoreFiles.CopyDirectory(pristine, directory);
            damage.Apply(directory);
            probeCases.Add(new ProbeCase(damage.Name, directory));
        }

        var requestPath = Temp.Combine("probe.json");
        await File.WriteAllTextAsync(requestPath, JsonSerializer.Serialize(request with { Cases = probeCases }));
        var (exitCode, lines, stderr) = await HostProcess.RunAsync("probe", requestPath);
        var reports = ParseReports(lines);
        var crashed = reports.Values.FirstOrDefault(r => !r.Ended);
        Assert.True(crashed is null, $"the probe process died while opening case '{crashed?.Name}' (exit code {exitCode}); stderr: {stderr}");
        Assert.True(exitCode == 0, $"the probe process exited with {exitCode}; stderr: {stderr}");
        Assert.Equal(cases.Count, reports.Count);

        var expected = ExpectedResults(pristineLive: true);
        var expectedStale = ExpectedResults(pristineLive: false);
        var detected = 0;
        var failures = new List<string>();
        foreach (var damage in cases)
        {
            var report = reports[damage.Name];
            var directory = Temp.Combine("cases", damage.Name);
            failures.AddRange(report.Errors.Select(e => $"{damage.Name}: open or search threw: {e}"));
            foreach (var collection in Collections)
            {
                for (var q = 0; q < QueryCount; q++)
                {
                    var difference = report.Results.TryGetValue((collection.Name, q), out var actual)
                        ? ExactAnswers.Difference((damage.Live == StaleCount ? expectedStale : expected)[q], actual)
                        : "no results reported";
                    if (difference is not null)
                    {
                        failures.Add($"{damage.Name}: {collection.Name} query {q}: {difference}");
                    }
                }
            }

            var quarantined = Directory.Exists(Path.Combine(directory, "quarantine"))
                ? Directory.GetFileSystemEntries(Path.Combine(directory, "quarantine")).Select(Path.GetFileName).ToList()
                : [];
            if (damage.DamagedFile is { } file)
            {
                var warned = report.Warnings.Count(w => w.Contains(file, StringComparison.Ordinal) && w.Contains("quarantine", StringComparison.Ordinal));
                if (warned != 1 || quarantined.Count != 1 || !quarantined[0]!.StartsWith(file, StringComparison.Ordinal))
                {
                    failures.Add($"{damage.Name}: expected one warning and one quarantined {file}; warnings: [{string.Join(" / ", report.Warnings)}], quarantine: [{string.Join(", ", quarantined)}]");
                }
                else
                {
                    detected++;
                }
            }
            else if (report.Warnings.Count != 0 || quarantined.Count != 0)
            {
                failures.Add($"{damage.Name}: nothing is damaged, yet warnings: [{string.Join(" / ", report.Warnings)}], quarantine: [{string.Join(", ", quarantined)}]");
            }

            var leftovers = Directory.GetFiles(Path.Combine(directory, "indexes"), "*.tmp");
            if (leftovers.Length != 0)
            {
                failures.Add($"{damage.Name}: temporary files survived the open: {string.Join(", ", leftovers.Select(Path.GetFileName))}");
            }

            // The checkpoints the probe rebuilt are sound: a second open uses them without a word.
            failures.AddRange(await ReopenQuietlyAsync(damage.Name, directory, damage.Live));
        }

        var damaged = cases.Count(c => c.DamagedFile is not null);
        output.WriteLine($"seed {Seed}: {cases.Count} cases opened in one child process ({damaged} damaged checkpoints, {cases.Count - damaged} intact or store-level), " +
            $"{detected}/{damaged} damages detected and quarantined with a warning, 0 crashes, " +
            $"{cases.Count * Collections.Length * QueryCount} searches compared with brute force, {failures.Count} failures");
        foreach (var group in cases.GroupBy(c => c.Name.Split('-')[1]))
        {
            output.WriteLine($"  {group.Key}: {group.Count()} cases");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(damaged, detected);
    }

    private static string CheckpointName(int collectionIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"c{collectionIndex + 1}-v0.cmfi");

    /// <summary>
    /// Two collections of <see cref="RecordCount"/> records with every tenth deleted (so the HNSW checkpoint carries
    /// tombstones); when asked, a copy of the whole store as it was after the first <see cref="StaleCount"/> records.
    /// </summary>
    private static async Task BuildStoreAsync(string directory, string? staleStoreCopy)
    {
        var options = new FaissVectorStoreOptions { Index = new ProbeRequest([], [], HnswEfSearch, 0, 0).IndexOptions };
        using (var store = new FaissVectorStore(directory, options))
        {
            foreach (var target in Collections)
            {
                var collection = ReliabilitySchema.Collection(store, target.Name, target.IndexKind);
                await collection.EnsureCollectionExistsAsync();
                await collection.UpsertAsync(Enumerable.Range(1, StaleCount).Select(k => RecordFactory.Create(k, 1)));
                await collection.CheckpointAsync();
            }
        }

        if (staleStoreCopy is not null)
        {
            StoreFiles.CopyDirectory(directory, staleStoreCopy);
        }

        using var reopened = new FaissVectorStore(directory, options);
        foreach (var collection in Collections.Select(c => ReliabilitySchema.Collection(reopened, c.Name, c.IndexKind)))
        {
            await collection.UpsertAsync(Enumerable.Range(StaleCount + 1, RecordCount - StaleCount).Select(k => RecordFactory.Create(k, 1)));
            await collection.DeleteAsync(Enumerable.Range(1, RecordCount / DeleteEvery).Select(i => (long)i * DeleteEvery));
        }
    }

    private static List<List<(long Id, float Distance)>> ExpectedResults(bool pristineLive)
    {
        var live = pristineLive
            ? Enumerable.Range(1, RecordCount).Where(k => k % DeleteEvery != 0).Select(k => RecordFactory.Create(k, 1)).ToList()
            : Enumerable.Range(1, StaleCount).Select(k => RecordFactory.Create(k, 1)).ToList();
        return [.. Enumerable.Range(0, QueryCount).Select(q => ExactAnswers.Nearest(live, RecordFactory.QueryOf(q), Top))];
    }

    /// <summary>The damages applied to one checkpoint file (<paramref name="bytes"/>).</summary>
    private static IEnumerable<DamageCase> FileDamages(string collection, string file, byte[] bytes, byte[] otherCollection, byte[] otherStore)
    {
        var userData = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(40)));
        var payloadStart = ContainerHeaderSize + userData;
        var payload = bytes.Length - payloadStart;
        DamageCase Replace(string what, byte[] content) => new($"{collection}-{what}", file, dir => File.WriteAllBytes(Path.Combine(dir, "indexes", file), content));

        int[] truncations = [1, 7, 64, ContainerHeaderSize - 1, ContainerHeaderSize, ContainerHeaderSize + (userData / 2), payloadStart, payloadStart + 1, payloadStart + (payload / 2), bytes.Length - 1];
        foreach (var length in truncations.Distinct())
        {
            yield return Replace(string.Create(CultureInfo.InvariantCulture, $"truncated-to-{length}"), bytes[..length]);
        }

        var flips = new SortedSet<int>
        {
            // Header: magic, version, header size, flags, metric, dimension, user-data CRC, ntotal, sizes, FAISS version,
            // flavour, description, both CRCs.
            0, 9, 13, 17, 21, 25, 29, 33, 41, 49, 57, 73, 89, 150, 249, 253,
            ContainerHeaderSize, ContainerHeaderSize + (userData / 2), payloadStart - 1,
            payloadStart, payloadStart + 1, payloadStart + (payload / 2), bytes.Length - 1,
        };
        var random = new Random(Seed + file.Length);
        while (flips.Count < 23 + RandomFlips)
        {
            flips.Add(random.Next(bytes.Length));
        }

        foreach (var offset in flips)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[offset] ^= (byte)(1 << (offset % 8));
            yield return Replace(string.Create(CultureInfo.InvariantCulture, $"bitflip-at-{offset}"), damaged);
        }

        var noise = new byte[bytes.Length];
        random.NextBytes(noise);
        yield return Replace("random-same-length", noise);
        yield return Replace("random-header-kept", [.. bytes.AsSpan(0, ContainerHeaderSize), .. noise.AsSpan(ContainerHeaderSize)]);
        yield return Replace("empty", []);
        yield return Replace("other-collection", otherCollection);
        yield return Replace("other-store", otherStore);
        yield return Replace("spliced-payload", [.. bytes.AsSpan(0, payloadStart), .. otherCollection.AsSpan(payloadStart)]);
        yield return Replace("text", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("this is not an index\n", 200))));
    }

    /// <summary>Damage around the checkpoints rather than in them: none of it may cost a warning.</summary>
    private static IEnumerable<DamageCase> StoreLevelCases()
    {
        yield return new DamageCase("store-missing-indexes-directory", null, dir => Directory.Delete(Path.Combine(dir, "indexes"), recursive: true));
        yield return new DamageCase("store-missing-locks-directory", null, dir => Directory.Delete(Path.Combine(dir, "locks"), recursive: true));
        yield return new DamageCase("store-leftover-temporary-files", null, dir =>
        {
            // What a process killed while writing a checkpoint leaves behind: a partial file and a complete one.
            var indexes = Path.Combine(dir, "indexes");
            var partial = File.ReadAllBytes(Path.Combine(indexes, CheckpointName(0)));
            File.WriteAllBytes(Path.Combine(indexes, $".{CheckpointName(0)}.{Guid.NewGuid():N}.tmp"), partial[..(partial.Length / 3)]);
            File.Copy(Path.Combine(indexes, CheckpointName(1)), Path.Combine(indexes, $".{CheckpointName(1)}.{Guid.NewGuid():N}.tmp"));
        });
        yield return new DamageCase("store-missing-checkpoints", null, dir =>
        {
            foreach (var file in Directory.GetFiles(Path.Combine(dir, "indexes")))
            {
                File.Delete(file);
            }
        });
    }

    private static async Task<List<string>> ReopenQuietlyAsync(string name, string directory, int live)
    {
        var failures = new List<string>();
        using var logger = new CapturingLoggerFactory();
        try
        {
            using var store = new FaissVectorStore(directory, new FaissVectorStoreOptions { Index = new ProbeRequest([], [], HnswEfSearch, 0, 0).IndexOptions, LoggerFactory = logger });
            foreach (var probed in Collections)
            {
                var collection = ReliabilitySchema.Collection(store, probed.Name, probed.IndexKind);
                var count = await collection.SearchAsync(RecordFactory.QueryOf(0), RecordCount).CountAsync();
                if (count != live)
                {
                    failures.Add($"{name}: on reopening, {probed.Name} returns {count} records");
                }
            }
        }
        catch (VectorStoreException ex)
        {
            failures.Add($"{name}: reopening failed: {ex.Message}");
        }

        failures.AddRange(logger.Entries.Select(e => $"{name}: on reopening the rebuilt store: {e.Level} {e.Message}"));
        return failures;
    }

    private static Dictionary<string, Report> ParseReports(List<string> lines)
    {
        var reports = new Dictionary<string, Report>(StringComparer.Ordinal);
        Report? current = null;
        foreach (var line in lines)
        {
            var parts = line.Split(' ', 4);
            switch (parts[0])
            {
                case "case":
                    current = new Report(parts[1]);
                    reports.Add(current.Name, current);
                    break;
                case "end":
                    current!.Ended = true;
                    break;
                case "log" when parts[1] == "Warning":
                    current!.Warnings.Add(line);
                    break;
                case "log":
                case "error":
                    current!.Errors.Add(line);
                    break;
                case "result":
                    var hits = parts[3].Length == 0
                        ? []
                        : parts[3].Split(';').Select(h => h.Split(':')).Select(h => (long.Parse(h[0], CultureInfo.InvariantCulture), double.Parse(h[1], CultureInfo.InvariantCulture))).ToList();
                    current!.Results[(parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture))] = hits;
                    break;
                default:
                    throw new FormatException($"unexpected probe output '{line}'");
            }
        }

        return reports;
    }

    /// <param name="Name">Collection (or "store") and damage.</param>
    /// <param name="DamagedFile">The checkpoint that must be detected and quarantined; null when nothing may be.</param>
    /// <param name="Apply">Damages a copy of the pristine store.</param>
    private sealed record DamageCase(string Name, string? DamagedFile, Action<string> Apply)
    {
        /// <summary>Live records of each collection once the case is opened.</summary>
        public int Live { get; init; } = RecordCount - (RecordCount / DeleteEvery);
    }

    private sealed class Report(string name)
    {
        public string Name { get; } = name;

        public bool Ended { get; set; }

        public List<string> Warnings { get; } = [];

        public List<string> Errors { get; } = [];

        public Dictionary<(string Collection, int Query), List<(long Id, double Distance)>> Results { get; } = [];
    }
}
