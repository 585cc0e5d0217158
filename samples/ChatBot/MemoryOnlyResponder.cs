using System.Globalization;
using ContextMemory;

namespace ChatBot;

/// <summary>
/// The offline mode: no model. A statement is stored as an episodic memory; every line is answered with what the memory
/// recalls for it — each memory with its score components — and the time the recall took.
/// </summary>
internal sealed class MemoryOnlyResponder(MemoryService memory, MemoryScope userScope, MemoryScope conversationScope) : IResponder
{
    private static readonly RecallOptions RecallSettings = new() { Limit = 3, Explain = true, IncludeConnections = true };

    public async Task RespondAsync(string line, TextWriter output, CancellationToken cancellationToken)
    {
        var question = line.StartsWith('?') || line.EndsWith('?');
        var query = line.TrimStart('?').Trim();
        var recalled = await memory.RecallAsync(userScope, query, RecallSettings, cancellationToken);
        WriteRecall(recalled, output);
        if (!question)
        {
            var stored = await memory.RememberAsync(
                conversationScope, new NewMemory { Text = query, Kind = MemoryKind.Episode, Speaker = "user", Source = "chatbot" }, cancellationToken);
            output.WriteLine(stored.Outcome == RememberOutcome.Merged
                ? $"bot> Noted — that updates something I already knew (merged {stored.Memory.MergedCount} time(s))."
                : $"bot> Noted (importance {stored.Memory.Importance:F2}).");
        }
    }

    private static void WriteRecall(RecallResult recalled, TextWriter output)
    {
        var elapsed = recalled.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
        if (recalled.Hits.Count == 0)
        {
            output.WriteLine($"bot> I don't remember anything about that yet. (recall: {elapsed} ms)");
            return;
        }

        output.WriteLine($"bot> Here is what I remember (recall: {elapsed} ms):");
        foreach (var hit in recalled.Hits)
        {
            var when = hit.Memory.OccurredAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var marker = hit.IsConnection ? "  ↳ connected:" : "  -";
            output.WriteLine($"{marker} \"{hit.Memory.Text}\" ({hit.Memory.Kind.ToString().ToLowerInvariant()}, {when})");
            if (hit.Components is { } c)
            {
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"      score {c.Final:F3} = relevance {c.Relevance:F3} x importance {c.Importance:F2} x recency {c.Recency:F3}   (similarity {c.Similarity:F3}{(c.KeywordRank is { } rank ? $", keyword rank {rank}" : "")})"));
            }
        }
    }
}
