using System.Globalization;
using Spectre.Console;

namespace ContextMemory.Cli.Output;

/// <summary>The tables the reading commands print.</summary>
internal static class Tables
{
    public static Table Memories(IEnumerable<MemoryRecord> records)
    {
        var table = new Table().AddColumns("id", "kind", "importance", "occurred", "tags", "text");
        foreach (var record in records)
        {
            table.AddRow(
                Cell(record.Id.ToString()),
                Cell(MemoryKinds.Name(record.Kind)),
                Cell(Number(record.Importance)),
                Cell(Time(record.OccurredAt)),
                Cell(string.Join(", ", record.Tags)),
                Cell(record.Text));
        }

        return table;
    }

    public static Table Hits(IReadOnlyList<MemoryHit> hits)
    {
        var table = new Table().AddColumns("#", "score", "similarity", "keyword rank", "relevance", "importance", "recency", "kind", "occurred", "text", "id");
        var rank = 0;
        foreach (var hit in hits)
        {
            rank++;
            var components = hit.Components;
            table.AddRow(
                Cell(hit.IsConnection ? $"{rank} (linked)" : rank.ToString(CultureInfo.InvariantCulture)),
                Cell(Number(hit.Score)),
                Cell(components is null ? "" : Number(components.Similarity)),
                Cell(components?.KeywordRank is { } keyword ? keyword.ToString(CultureInfo.InvariantCulture) : "-"),
                Cell(components is null ? "" : Number(components.Relevance)),
                Cell(components is null ? "" : Number(components.Importance)),
                Cell(components is null ? "" : Number(components.Recency)),
                Cell(MemoryKinds.Name(hit.Memory.Kind)),
                Cell(Time(hit.Memory.OccurredAt)),
                Cell(hit.Memory.Text),
                Cell(hit.Memory.Id.ToString()));
        }

        return table;
    }

    public static Table History(IEnumerable<HistoryEntry> entries)
    {
        var table = new Table().AddColumns("seq", "at", "action", "memory", "old text", "new text", "actor");
        foreach (var entry in entries)
        {
            table.AddRow(
                Cell(entry.Sequence.ToString(CultureInfo.InvariantCulture)),
                Cell(Time(entry.At)),
                Cell(entry.Action.ToString().ToLowerInvariant()),
                Cell(entry.MemoryId.ToString()),
                Cell(entry.OldText ?? ""),
                Cell(entry.NewText ?? ""),
                Cell(entry.Actor ?? ""));
        }

        return table;
    }

    public static Table KeyValues(IEnumerable<(string Key, string Value)> rows)
    {
        var table = new Table().AddColumns("", "").HideHeaders();
        foreach (var (key, value) in rows)
        {
            table.AddRow(Cell(key), Cell(value));
        }

        return table;
    }

    /// <summary>Text from memories is data, never markup.</summary>
    public static Text Cell(string value) => new(value);

    public static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Bytes(long value) => value switch
    {
        < 1024 => value.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (value / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => (value / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };
}
