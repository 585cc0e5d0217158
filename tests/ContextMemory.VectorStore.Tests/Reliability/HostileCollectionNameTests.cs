using System.Text.RegularExpressions;
using ContextMemory.VectorStore.Tests.Reliability.Protocol;
using ContextMemory.VectorStore.Tests.Reliability.Support;
using Microsoft.Extensions.VectorData;
using Xunit.Abstractions;

namespace ContextMemory.VectorStore.Tests.Reliability;

/// <summary>
/// Collection names built to escape the store directory or the SQL text: each is either rejected with an
/// <see cref="ArgumentException"/> by every entry point, or stored, used and listed back verbatim while the only files
/// that appear are the store's own, inside its directory.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed partial class HostileCollectionNameTests(ITestOutputHelper output) : TemporaryDirectoryTest("cm-names-")
{

    public static IReadOnlyList<(string Label, string Name)> HostileNames { get; } =
    [
        ("dot-dot", ".."),
        ("dot", "."),
        ("parent-path", "../x"),
        ("deep-parent-path", "../../../../../../tmp/cm-escape"),
        ("absolute-path", "/etc/passwd"),
        ("slash", "a/b"),
        ("backslash", "a\\b"),
        ("unc-path", "\\\\server\\share"),
        ("windows-drive", "C:\\Windows\\System32"),
        ("device-name", "CON"),
        ("store-file-name", "store.db"),
        ("checkpoint-file-name", "c1-v0.cmfi"),
        ("directory-name", "indexes"),
        ("nul-inside", "a\0b"),
        ("nul-only", "\0"),
        ("newline", "a\nb"),
        ("carriage-return", "a\rb"),
        ("escape", "a\u001b[31mred"),
        ("delete-char", "a\u007fb"),
        ("lone-high-surrogate", "a\ud800b"),
        ("lone-low-surrogate", "a\udc00b"),
        ("reversed-surrogates", "\udc00\ud800"),
        ("ten-thousand-chars", new string('x', 10_000)),
        ("max-length", new string('y', 256)),
        ("over-max-length", new string('z', 257)),
        ("emoji", "memories \U0001F9E0\U0001F4BE"),
        ("rtl-override", "abc\u202Egpj.exe"),
        ("sql-injection", "x'; DROP TABLE cm_collections; --"),
        ("sql-quote", "\""),
        ("sql-comment", "/* */ --"),
        ("like-wildcards", "%_%"),
        ("format-string", "%s%n{0}${HOME}"),
        ("whitespace-only", "   "),
        ("empty", ""),
        ("leading-trailing-space", " padded "),
    ];

    [Fact]
    public async Task Hostile_collection_names_are_rejected_or_stored_verbatim_without_creating_files_outside_the_store()
    {
        var storeDirectory = Temp.Combine("store");
        var accepted = new List<(string Label, string Name)>();
        var rejected = new List<string>();
        using (var store = new FaissVectorStore(storeDirectory))
        {
            foreach (var (label, name) in HostileNames)
            {
                if (await IsRejectedEverywhereAsync(store, name, label))
                {
                    rejected.Add(label);
                    continue;
                }

                var collection = store.GetCollection<long, ReliabilityRecord>(name, new FaissCollectionOptions { Definition = ReliabilitySchema.Definition(IndexKind.Flat) });
                await collection.EnsureCollectionExistsAsync();
                await collection.UpsertAsync(Enumerable.Range(1, 5).Select(k => RecordFactory.Create(k, accepted.Count + 1)));
                await collection.DeleteAsync(5);
                Assert.True(await collection.CollectionExistsAsync(), label);
                Assert.Equal(4, await collection.SearchAsync(RecordFactory.QueryOf(1), 10).CountAsync());
                Assert.Equal(accepted.Count + 1, (await collection.GetAsync(1))!.Version);
                await collection.CheckpointAsync();
                accepted.Add((label, name));
            }

            Assert.Equal(accepted.Select(a => a.Name).Order(StringComparer.Ordinal), (await store.ListCollectionNamesAsync().ToListAsync()).Order(StringComparer.Ordinal));
            await store.CheckpointAsync();
        }

        // After a restart every accepted name still maps to its own records; then deleting them removes their files.
        using (var store = new FaissVectorStore(storeDirectory))
        {
            for (var i = 0; i < accepted.Count; i++)
            {
                var collection = store.GetCollection<long, ReliabilityRecord>(accepted[i].Name, new FaissCollectionOptions { Definition = ReliabilitySchema.Definition(IndexKind.Flat) });
                Assert.Equal(i + 1, (await collection.GetAsync(1))!.Version);
                Assert.Equal(4, await collection.SearchAsync(RecordFactory.QueryOf(1), 10).CountAsync());
            }

            AssertOnlyStoreFiles(storeDirectory, accepted.Count);
            foreach (var (_, name) in accepted.Where((_, i) => i % 2 == 0))
            {
                await store.EnsureCollectionDeletedAsync(name);
            }

            await store.CompactAsync();
            Assert.Equal(accepted.Where((_, i) => i % 2 == 1).Select(a => a.Name).Order(StringComparer.Ordinal),
                (await store.ListCollectionNamesAsync().ToListAsync()).Order(StringComparer.Ordinal));
        }

        // Nothing was created beside the store directory (the parent holds only it), nor at the paths the names spell.
        Assert.Equal(["store"], Directory.GetFileSystemEntries(Temp.Path).Select(Path.GetFileName));
        Assert.False(Directory.Exists("/tmp/cm-escape") || File.Exists("/tmp/cm-escape"));
        var files = StoreFiles.List(storeDirectory);
        Assert.All(files, f => Assert.Matches(StoreFilePattern(), f));

        output.WriteLine($"{HostileNames.Count} hostile names: {accepted.Count} stored verbatim and contained, {rejected.Count} rejected with ArgumentException by every entry point");
        output.WriteLine($"  stored: {string.Join(", ", accepted.Select(a => a.Label))}");
        output.WriteLine($"  rejected: {string.Join(", ", rejected)}");
        output.WriteLine($"  files in the store directory afterwards: {string.Join(", ", files)}");
    }

    /// <summary>
    /// True when every entry point rejects the name with an ArgumentException before touching anything; false when none
    /// does. Anything in between (some accept, some reject, other exceptions) fails the test.
    /// </summary>
    private static async Task<bool> IsRejectedEverywhereAsync(FaissVectorStore store, string name, string label)
    {
        var definition = ReliabilitySchema.Definition(IndexKind.Flat);
        var outcomes = new List<bool>
        {
            Rejects(() => store.GetCollection<long, ReliabilityRecord>(name, new FaissCollectionOptions { Definition = definition })),
            Rejects(() => store.GetCollection<long, ReliabilityRecord>(name)),
            Rejects(() => store.GetDynamicCollection(name, definition)),
            await RejectsAsync(() => store.CollectionExistsAsync(name)),
            await RejectsAsync(() => store.EnsureCollectionDeletedAsync(name)),
        };
        Assert.True(outcomes.All(o => o) || outcomes.All(o => !o), $"{label}: entry points disagree on the name (rejected: {string.Join(", ", outcomes)})");
        return outcomes[0];
    }

    private static bool Rejects(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static async Task<bool> RejectsAsync(Func<Task> action)
    {
        try
        {
            await action();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static void AssertOnlyStoreFiles(string storeDirectory, int collections)
    {
        var files = StoreFiles.List(storeDirectory);
        Assert.All(files, f => Assert.Matches(StoreFilePattern(), f));
        Assert.Equal(collections, files.Count(f => f.StartsWith("indexes/", StringComparison.Ordinal)));
    }

    /// <summary>The only entries a store directory may hold: the database, checkpoints and locks named by ids, the quarantine.</summary>
    [GeneratedRegex(@"^(store\.db(-wal|-shm|-journal)?|indexes|indexes/c\d+-v\d+\.cmfi|locks|locks/c\d+\.lock|quarantine|quarantine/c\d+-v\d+\.cmfi\.[0-9a-f.]+)$")]
    private static partial Regex StoreFilePattern();
}
