using System.Globalization;
using Microsoft.Extensions.AI;

namespace AgentPipeline;

/// <summary>One agent step: its model behind function invocation, its tools, and a report of what it recalled and wrote.</summary>
internal sealed class PipelineStep(string name, IChatClient model, IReadOnlyList<AITool> tools, string instructions)
{
    public async Task<string> RunAsync(string input, TextWriter output, CancellationToken cancellationToken)
    {
        using var client = model.AsBuilder().UseFunctionInvocation().Build();
        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, instructions), new ChatMessage(ChatRole.User, input)],
            new ChatOptions { Tools = [.. tools] },
            cancellationToken);

        var calls = response.Messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).ToDictionary(c => c.CallId);
        foreach (var result in response.Messages.SelectMany(m => m.Contents.OfType<FunctionResultContent>()))
        {
            var call = calls[result.CallId];
            if (call.Name == "recall")
            {
                var recalled = ToolResults.Recalled(result);
                output.WriteLine($"[{name}] recalled {recalled.Count} memories for \"{call.Arguments?["query"]}\":");
                foreach (var (text, score) in recalled)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{name}]   {score:F3}  {text}"));
                }
            }
            else
            {
                output.WriteLine($"[{name}] wrote ({ToolResults.Status(result)}): {call.Arguments?["text"]}");
            }
        }

        output.WriteLine($"[{name}] says: {response.Text}");
        output.WriteLine();
        return response.Text;
    }
}
