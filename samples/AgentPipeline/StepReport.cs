using System.Globalization;
using System.Text.Json;
using ContextMemory.Tools;
using Microsoft.Extensions.AI;

namespace AgentPipeline;

/// <summary>
/// Prints what one step did, from the messages function invocation produced: each tool call, what it recalled (text
/// and score; memories with their short id), what it wrote and where, what the middleware gave it, and its reply.
/// </summary>
internal static class StepReport
{
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static void Write(TextWriter output, PipelineStep step, IList<ChatMessage> messages, string? middlewareMemories)
    {
        if (step.UserMemories is { } userScope)
        {
            var lines = middlewareMemories?.Split('\n').Skip(1).ToList() ?? [];
            output.WriteLine($"  middleware gave it {lines.Count} memories of {userScope}:");
            foreach (var line in lines)
            {
                output.WriteLine($"    {line}");
            }
        }

        foreach (var call in messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            output.WriteLine($"  calls {call.Name} {JsonSerializer.Serialize(call.Arguments, Compact)}");
        }

        foreach (var (name, result) in ToolOutput.Results(messages))
        {
            if (ToolOutput.Error(result) is { } error)
            {
                output.WriteLine($"  {name} refused: {error}");
                continue;
            }

            switch (name)
            {
                case ReferenceLibrary.SearchToolName:
                    var notes = ToolOutput.Notes(result);
                    output.WriteLine($"  recalled {notes.Count} notes from the '{ReferenceLibrary.CollectionName}' collection (VectorData search):");
                    foreach (var note in notes)
                    {
                        output.WriteLine($"    {Score(note.Score)}  [{note.Topic}] {note.Text}");
                    }

                    break;
                case MemoryToolNames.Recall:
                    var memories = ToolOutput.Memories(result);
                    output.WriteLine($"  recalled {memories.Count} memories of {step.ReadsFrom}:");
                    foreach (var memory in memories)
                    {
                        output.WriteLine($"    {Score(memory.Score)}  #{ShortId(memory.Id)}  {memory.Text}");
                    }

                    break;
                case MemoryToolNames.Remember when ToolOutput.Stored(result) is { } stored:
                    output.WriteLine($"  wrote #{ShortId(stored.Id)} ({stored.Status}) to {step.WritesTo}: {stored.Text}");
                    break;
                default:
                    output.WriteLine($"  {name} returned {result.GetRawText()}");
                    break;
            }
        }

        var reply = messages.LastOrDefault(m => m.Role == ChatRole.Assistant)?.Text ?? "";
        output.WriteLine($"  reply: {reply.Replace("\n", "\n         ", StringComparison.Ordinal)}");
    }

    private static string Score(double? score) => score?.ToString("0.000", CultureInfo.InvariantCulture) ?? "  -  ";

    private static string ShortId(string? id) => id is { Length: >= 8 } ? id[..8] : id ?? "?";
}
