using ContextMemory;
using Microsoft.Extensions.AI;

namespace AgentPipeline;

/// <summary>
/// One agent step of the pipeline: its name (the agent scope part), its instructions, the tools it is offered (each
/// bound by the host to a scope), the scope it reads the run's notes from, the scope it writes its own notes to, and —
/// for the writer only — the user scope the memory middleware recalls from.
/// </summary>
internal sealed record PipelineStep(
    string Name,
    string Instructions,
    IReadOnlyList<AITool> Tools,
    MemoryScope? ReadsFrom,
    MemoryScope WritesTo,
    MemoryScope? UserMemories);
