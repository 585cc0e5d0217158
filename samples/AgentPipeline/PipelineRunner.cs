using ContextMemory;
using ContextMemory.Agents;
using ContextMemory.Tools;
using Microsoft.Extensions.AI;

namespace AgentPipeline;

/// <summary>
/// Runs the three steps in order over one memory service. Each step gets its own chat client: the model (scripted or
/// real) behind function invocation, and for the writer the memory middleware in front, recalling the user's memories.
/// Each step writes under (agent = step, conversation = run) and reads the run's notes under (conversation = run).
/// </summary>
internal sealed class PipelineRunner
{
    private static readonly ContextMemoryChatOptions MiddlewareOptions = new() { MaxMemories = 5 };

    private readonly MemoryService _memory;
    private readonly ReferenceLibrary _library;
    private readonly Func<string, IChatClient> _models;

    public PipelineRunner(MemoryService memory, ReferenceLibrary library, Func<string, IChatClient> models)
    {
        _memory = memory;
        _library = library;
        _models = models;
    }

    public IReadOnlyList<PipelineStep> Steps(string run, MemoryScope user)
    {
        var shared = MemoryScope.ForConversation(run);
        return
        [
            Step(StepNames.Researcher, StepInstructions.Researcher, run, readsFrom: null, userMemories: null, _library.CreateSearchFunction()),
            Step(StepNames.Planner, StepInstructions.Planner, run, shared, userMemories: null),
            Step(StepNames.Writer, StepInstructions.Writer, run, shared, user),
        ];
    }

    public async Task RunAsync(string task, string run, MemoryScope user, TextWriter output, CancellationToken cancellationToken)
    {
        foreach (var step in Steps(run, user))
        {
            output.WriteLine();
            output.WriteLine($"== {step.Name} (writes to {step.WritesTo}{(step.ReadsFrom is { } reads ? $", reads {reads}" : "")}) ==");
            var builder = _models(step.Name).AsBuilder();
            if (step.UserMemories is { } userScope)
            {
                builder.UseContextMemory(_memory, userScope, MiddlewareOptions);
            }

            MemoryContextProbe? probe = null;
            using var client = builder
                .UseFunctionInvocation()
                .Use(inner => probe = new MemoryContextProbe(inner, MiddlewareOptions.Preamble))
                .Build();
            var messages = new List<ChatMessage> { new(ChatRole.System, step.Instructions), new(ChatRole.User, StepInstructions.Prompt(task, run)) };
            var response = await client.GetResponseAsync(messages, new ChatOptions { Tools = [.. step.Tools] }, cancellationToken);
            StepReport.Write(output, step, response.Messages, probe?.Added);
        }
    }

    private PipelineStep Step(string name, string instructions, string run, MemoryScope? readsFrom, MemoryScope? userMemories, params AITool[] extraTools)
    {
        var own = MemoryScope.ForAgent(name).WithConversation(run);
        var options = new MemoryToolOptions { AllowUpdate = false, AllowForget = false, Source = name, Actor = name };
        var tools = new List<AITool>(extraTools);
        if (readsFrom is not null)
        {
            // Recall is bound to the run's shared scope, remember to the step's own: the host picks both, the model neither.
            tools.Add(MemoryTools.Create(_memory, readsFrom, options).Single(f => f.Name == MemoryToolNames.Recall));
        }

        tools.Add(MemoryTools.Create(_memory, own, options).Single(f => f.Name == MemoryToolNames.Remember));
        return new PipelineStep(name, instructions, tools, readsFrom, own, userMemories);
    }
}
