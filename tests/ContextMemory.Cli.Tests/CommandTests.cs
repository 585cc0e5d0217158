using System.Text.Json;
using ContextMemory.Cli.Tests.Support;

namespace ContextMemory.Cli.Tests;

/// <summary>Every command against a real data directory (real store, real local embedder), in process.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly DataDirectory _data = new();

    [Fact]
    public async Task Init_creates_the_data_directory_and_records_the_embedder()
    {
        var output = await _data.SucceedAsync("init");
        Assert.Contains("384", output, StringComparison.Ordinal);
        var settings = JsonDocument.Parse(File.ReadAllText(_data.File("contextmemory.json"))).RootElement;
        Assert.Equal("onnx", settings.GetProperty("embedder").GetString());
        Assert.True(Directory.Exists(_data.File("store")));
    }

    [Fact]
    public async Task Add_get_recall_history_and_forget_one_memory()
    {
        var added = await _data.SucceedAsync("add", "Grace's daughter is allergic to peanuts.", "--user", "grace", "--tag", "health", "--importance", "0.9");
        var id = Assert.Single(System.Text.RegularExpressions.Regex.Matches(added, "[0-9a-f]{8}-[0-9a-f-]{27}")).Value;
        await _data.SucceedAsync("add", "Grace drives a blue hatchback.", "--user", "grace");

        var shown = await _data.SucceedAsync("get", id, "--user", "grace");
        Assert.Contains("Grace's daughter is allergic to peanuts.", shown, StringComparison.Ordinal);

        var recall = JsonDocument.Parse(await _data.SucceedAsync("recall", "Which food must the child avoid?", "--user", "grace", "--json")).RootElement;
        var top = recall.GetProperty("hits")[0];
        Assert.Equal(id, top.GetProperty("memory").GetProperty("id").GetString());
        Assert.True(top.GetProperty("similarity").GetDouble() > 0);
        Assert.Equal(0.9, top.GetProperty("importance").GetDouble(), 6);

        var table = await _data.SucceedAsync("recall", "Which food must the child avoid?", "--user", "grace");
        Assert.Contains("similarity", table, StringComparison.Ordinal);
        Assert.Contains("peanuts", table, StringComparison.Ordinal);

        var history = await _data.SucceedAsync("history", id, "--user", "grace", "--json");
        Assert.Contains("\"action\":\"add\"", history, StringComparison.Ordinal);

        Assert.Contains("forgot 1 memory", await _data.SucceedAsync("forget", id, "--user", "grace"), StringComparison.Ordinal);
        var gone = await _data.RunAsync("get", id, "--user", "grace");
        Assert.Equal(ExitCodes.NotFound, gone.ExitCode);
        Assert.Single(await _data.ListAsync("--user", "grace"));
    }

    [Fact]
    public async Task A_memory_is_invisible_from_another_scope()
    {
        var added = await _data.SucceedAsync("add", "Hopper's locker code is 4471.", "--user", "hopper");
        var id = System.Text.RegularExpressions.Regex.Match(added, "[0-9a-f]{8}-[0-9a-f-]{27}").Value;

        Assert.Equal(ExitCodes.NotFound, (await _data.RunAsync("get", id, "--user", "mallory")).ExitCode);
        var recall = JsonDocument.Parse(await _data.SucceedAsync("recall", "locker code", "--user", "mallory", "--json")).RootElement;
        Assert.Equal(0, recall.GetProperty("hits").GetArrayLength());
        Assert.Equal(ExitCodes.NotFound, (await _data.RunAsync("forget", id, "--user", "mallory")).ExitCode);
        Assert.Single(await _data.ListAsync("--user", "hopper"));
    }

    [Fact]
    public async Task A_missing_or_malformed_scope_is_refused_with_exit_code_3()
    {
        var missing = await _data.RunAsync("add", "no scope given");
        Assert.Equal(ExitCodes.InvalidInput, missing.ExitCode);
        Assert.Equal(CliErrors.Prefix + CliErrors.MissingScope, missing.Error.Trim());

        var control = await _data.RunAsync("recall", "x", "--user", "bad\u0001id");
        Assert.Equal(ExitCodes.InvalidInput, control.ExitCode);
        Assert.Single(control.Error.Trim().Split('\n'));

        var huge = await _data.RunAsync("list", "--user", new string('u', 10_000));
        Assert.Equal(ExitCodes.InvalidInput, huge.ExitCode);
    }

    [Fact]
    public async Task Add_imports_a_text_file_with_a_summary()
    {
        var path = _data.File("notes.txt");
        File.WriteAllLines(path, ["Linus prefers tea to coffee.", "", "Linus has a cat named Tux.", "Linus lives in Portland."]);
        var output = await _data.SucceedAsync("add", "--file", path, "--agent", "notes");
        Assert.Contains("memories read", output, StringComparison.Ordinal);
        Assert.Equal(3, (await _data.ListAsync("--agent", "notes")).Count);
    }

    [Fact]
    public async Task A_malformed_jsonl_line_is_reported_by_number_and_nothing_is_imported()
    {
        var path = _data.File("memories.jsonl");
        File.WriteAllLines(path,
        [
            """{"text": "Barbara runs on Tuesdays.", "kind": "episode", "tags": ["sport"]}""",
            """{"text": "Barbara's bike is green."}""",
            """{"text": "broken", "importance": 7}""",
            """{"text": "never read"}""",
        ]);
        var result = await _data.RunAsync("add", "--file", path, "--user", "barbara");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Equal($"{CliErrors.Prefix}{path}:3: {CliErrors.LineBadImportance}", result.Error.Trim());
        Assert.Empty(await _data.ListAsync("--user", "barbara"));

        File.WriteAllLines(path, ["""{"text": "ok"}""", """{"txt": "misspelled field"}"""]);
        var misspelled = await _data.RunAsync("add", "--file", path, "--user", "barbara");
        Assert.Equal(ExitCodes.InvalidInput, misspelled.ExitCode);
        Assert.StartsWith($"{CliErrors.Prefix}{path}:2: ", misspelled.Error, StringComparison.Ordinal);

        File.WriteAllLines(path, ["""{"text": "ok"}""", "not json at all"]);
        var garbage = await _data.RunAsync("add", "--file", path, "--user", "barbara");
        Assert.Equal(ExitCodes.InvalidInput, garbage.ExitCode);
        Assert.StartsWith($"{CliErrors.Prefix}{path}:2: ", garbage.Error, StringComparison.Ordinal);
        Assert.Empty(await _data.ListAsync("--user", "barbara"));
    }

    [Fact]
    public async Task Export_then_import_into_a_fresh_directory_round_trips_losslessly()
    {
        var path = _data.File("memories.jsonl");
        File.WriteAllLines(path,
        [
            """{"text": "Ken visited Kyoto in spring.", "kind": "episode", "occurredAt": "2026-04-02T10:00:00+00:00", "speaker": "ken", "tags": ["travel"]}""",
            """{"text": "Ken is vegetarian.", "importance": 0.8, "source": "chat"}""",
            """{"text": "Ken's sister lives in Osaka.", "kind": "episode"}""",
        ]);
        await _data.SucceedAsync("add", "--file", path, "--user", "ken", "--conversation", "c1");
        await _data.SucceedAsync("add", "Dennis writes C.", "--agent", "other");
        var exported = _data.File("export.jsonl");
        await _data.SucceedAsync("export", "--output", exported);

        using var fresh = new DataDirectory();
        Assert.Contains("imported 4 memories", await fresh.SucceedAsync("import", exported), StringComparison.Ordinal);
        var again = fresh.File("again.jsonl");
        await fresh.SucceedAsync("export", "--output", again);

        Assert.Equal(Sorted(exported), Sorted(again));
        var line = JsonDocument.Parse(File.ReadLines(exported).First()).RootElement;
        Assert.Equal(384, line.GetProperty("embedding").GetArrayLength());

        // And recall works on the imported copy: the embeddings came with it.
        var recall = JsonDocument.Parse(await fresh.SucceedAsync("recall", "What does Ken not eat?", "--user", "ken", "--json")).RootElement;
        Assert.Equal("Ken is vegetarian.", recall.GetProperty("hits")[0].GetProperty("memory").GetProperty("text").GetString());

        static string[] Sorted(string file) => [.. File.ReadAllLines(file).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Import_refuses_an_embedding_of_the_wrong_dimension_by_line_and_stores_nothing()
    {
        var path = _data.File("import.jsonl");
        var good = $$"""{"id": "{{Guid.NewGuid()}}", "text": "fine", "scope": {"user": "u"}, "embedding": [{{string.Join(',', Enumerable.Repeat("0.05", 384))}}]}""";
        var bad = $$"""{"id": "{{Guid.NewGuid()}}", "text": "short", "scope": {"user": "u"}, "embedding": [0.1, 0.2, 0.3]}""";
        File.WriteAllLines(path, [good, bad]);
        var result = await _data.RunAsync("import", path);
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Equal($"{CliErrors.Prefix}{path}:2: {CliErrors.LineBadEmbedding(3, 384)}", result.Error.Trim());
        Assert.Empty(await _data.ListAsync("--user", "u"));
    }

    [Fact]
    public async Task A_store_made_with_one_embedder_refuses_another_with_exit_code_5()
    {
        await _data.SucceedAsync("add", "Barbara designs languages.", "--user", "b");
        var other = await _data.RunAsync("recall", "languages", "--user", "b", "--model", "minilm");
        Assert.Equal(ExitCodes.Configuration, other.ExitCode);
        Assert.Single(other.Error.Trim().Split('\n'));
        Assert.Single(await _data.ListAsync("--user", "b"));
    }

    [Fact]
    public async Task Forget_by_filter_and_a_whole_scope_with_erase()
    {
        await _data.SucceedAsync("add", "Margaret landed on the moon (in a dream).", "--user", "m", "--kind", "episode");
        await _data.SucceedAsync("add", "Margaret wrote the flight software.", "--user", "m");
        await _data.SucceedAsync("add", "Margaret likes apollo-era photos.", "--user", "m", "--tag", "hobby");

        Assert.Contains("forgot 1 memory", await _data.SucceedAsync("forget", "--kind", "episode", "--user", "m"), StringComparison.Ordinal);
        Assert.Equal(2, (await _data.ListAsync("--user", "m")).Count);
        Assert.Equal(ExitCodes.Usage, (await _data.RunAsync("forget", "--user", "m")).ExitCode);

        var erased = await _data.SucceedAsync("forget", "--all", "--erase", "--user", "m");
        Assert.Contains("forgot 2 memories; deleted bytes erased", erased, StringComparison.Ordinal);
        Assert.Empty(await _data.ListAsync("--user", "m"));
    }

    [Fact]
    public async Task Stats_collections_rebuild_and_compact_describe_and_maintain_the_store()
    {
        await _data.SucceedAsync("add", "Edsger dislikes goto.", "--user", "e");
        await _data.SucceedAsync("add", "Edsger walked to the conference.", "--user", "e", "--kind", "episode");
        await _data.SucceedAsync("recall", "goto", "--user", "e");

        var stats = await _data.SucceedAsync("stats");
        Assert.Matches(@"memories\s+│?\s*2", stats);
        Assert.Contains("user=e", stats, StringComparison.Ordinal);
        Assert.Contains("hit rate", stats, StringComparison.Ordinal);
        Assert.Contains("arctic", stats, StringComparison.OrdinalIgnoreCase);

        Assert.False(string.IsNullOrWhiteSpace(await _data.SucceedAsync("collections")));
        Assert.Contains("rebuilt the indexes of 2 memories", await _data.SucceedAsync("rebuild"), StringComparison.Ordinal);
        Assert.Contains("compacted", await _data.SucceedAsync("compact"), StringComparison.Ordinal);

        // Both memories are still found after the indexes were rebuilt and the files compacted.
        var recall = JsonDocument.Parse(await _data.SucceedAsync("recall", "What does Edsger dislike?", "--user", "e", "--json")).RootElement;
        var texts = recall.GetProperty("hits").EnumerateArray().Select(hit => hit.GetProperty("memory").GetProperty("text").GetString()).ToList();
        Assert.Contains("Edsger dislikes goto.", texts);
        Assert.Contains("Edsger walked to the conference.", texts);
    }

    [Fact]
    public async Task Bench_runs_on_a_temporary_directory_and_leaves_the_data_directory_alone()
    {
        var output = await _data.SucceedAsync("bench", "--count", "20", "--queries", "5");
        Assert.Contains("memories/s", output, StringComparison.Ordinal);
        Assert.Contains("p95", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_data.File("store")));
    }

    [Fact]
    public async Task Bad_values_get_one_line_and_their_exit_code()
    {
        Assert.Equal(ExitCodes.InvalidInput, (await _data.RunAsync("get", "not-a-guid", "--user", "u")).ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, (await _data.RunAsync("add", "x", "--user", "u", "--kind", "opinion")).ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, (await _data.RunAsync("add", "x", "--user", "u", "--importance", "1.5")).ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, (await _data.RunAsync("recall", "x", "--user", "u", "--limit", "0")).ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, (await _data.RunAsync("list", "--user", "u", "--from", "yesterday-ish")).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await _data.RunAsync("import", _data.File("missing.jsonl"))).ExitCode);
        Assert.Equal(ExitCodes.Configuration, (await _data.RunAsync("init", "--embedder", "word2vec")).ExitCode);
        var settings = _data.File("bad-settings.json");
        File.WriteAllText(settings, "{ \"embedder\": ");
        var broken = await _data.RunAsync("stats", "--settings", settings);
        Assert.Equal(ExitCodes.InvalidInput, broken.ExitCode);
        Assert.StartsWith(CliErrors.Prefix + "settings file", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_an_import_exits_130_and_keeps_every_acknowledged_batch()
    {
        // The token Ctrl+C cancels (System.CommandLine turns SIGINT into it), cancelled here once the import is under way.
        var file = _data.File("many.txt");
        File.WriteAllLines(file, Enumerable.Range(0, 20_000).Select(i => $"Observation {i}: sensor {i % 17} read {i * 7 % 101} units at hour {i % 24}."));
        using var cancellation = new CancellationTokenSource();
        var database = Path.Combine(_data.Path, "store", "store.db");
        var run = CliRun.InProcessAsync(["add", "--file", file, "--agent", "sensor", "--data-dir", _data.Path], new Dictionary<string, string?>(), cancellation.Token);
        while (!File.Exists(database) && !run.IsCompleted)
        {
            await Task.Delay(100);
        }

        await Task.Delay(2000);
        Assert.False(run.IsCompleted, "the import finished before it could be cancelled");
        await cancellation.CancelAsync();
        var result = await run;

        Assert.Equal(ExitCodes.Cancelled, result.ExitCode);
        Assert.Equal(CliErrors.Prefix + CliErrors.Cancelled, result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim());

        // The store opens again; what was remembered before the cancel is there (an add or a merge in the history for
        // each line taken), and the import stopped part way.
        var history = await _data.SucceedAsync("history", "--json", "--agent", "sensor");
        var remembered = history.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.InRange(remembered, 1, 19_999);
        Assert.NotEmpty(await _data.ListAsync("--agent", "sensor"));
    }

    public void Dispose() => _data.Dispose();
}
