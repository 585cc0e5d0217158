using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ContextMemory.Tools;
using Microsoft.Extensions.AI;

namespace AgentPipeline;

/// <summary>
/// The offline stand-in for a model: a deterministic chat client that plays one step. It decides only from the request
/// it receives, as a model would — the task in the user message, the memories the middleware put in system messages,
/// and the tool results so far — and answers with tool calls (which function invocation then runs against the real
/// store) until it has what it needs, then with a reply composed from the tool results.
/// </summary>
internal sealed partial class ScriptedAgentModel : IChatClient
{
    private const string FindingPrefix = "Finding for ";
    private const string DayPrefix = "Day ";

    private readonly string _step;
    private int _calls;

    public ScriptedAgentModel(string step) => _step = step;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = messages.ToList();
        var task = TaskOf(request);
        var message = _step switch
        {
            StepNames.Researcher => Research(request, task),
            StepNames.Planner => Plan(request, task),
            StepNames.Writer => Write(request, task),
            _ => Reply($"I have no script for the step '{_step}'."),
        };
        _calls++;
        return Task.FromResult(new ChatResponse(message) { ModelId = "scripted" });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    // Researcher: search the reference notes of the task's city, remember the nearest ones as findings, report.
    private ChatMessage Research(List<ChatMessage> request, TripTask task)
    {
        var searches = ToolOutput.ResultsOf(request, ReferenceLibrary.SearchToolName);
        if (searches.Count == 0)
        {
            return Call((ReferenceLibrary.SearchToolName, new Dictionary<string, object?>
            {
                ["query"] = $"what to see, eat and how to get around on a {task.Days}-day trip to {task.City}",
                ["city"] = task.City,
                ["top"] = task.Days * 2,
            }));
        }

        var stored = ToolOutput.ResultsOf(request, MemoryToolNames.Remember);
        var notes = searches.SelectMany(ToolOutput.Notes).ToList();
        if (stored.Count == 0 && notes.Count > 0)
        {
            return Call([.. notes.Select(note => (MemoryToolNames.Remember, new Dictionary<string, object?>
            {
                ["text"] = $"{FindingPrefix}{task.City} ({note.Topic}): {note.Text}",
                ["kind"] = "fact",
                ["importance"] = 0.6,
            }))]);
        }

        return Reply(notes.Count == 0
            ? $"I found no reference notes about {task.City}."
            : $"I read {notes.Count} reference notes about {task.City} and stored {stored.Count} findings for the planner.");
    }

    // Planner: recall the run's findings, spread them over the days, remember one plan per day, report the plan.
    private ChatMessage Plan(List<ChatMessage> request, TripTask task)
    {
        var recalls = ToolOutput.ResultsOf(request, MemoryToolNames.Recall);
        if (recalls.Count == 0)
        {
            return Call((MemoryToolNames.Recall, new Dictionary<string, object?>
            {
                ["query"] = $"research findings for the trip to {task.City}: sights, food, transport",
                ["limit"] = 10,
            }));
        }

        var findings = recalls.SelectMany(ToolOutput.Memories).Where(m => m.Text.StartsWith(FindingPrefix, StringComparison.Ordinal))
            .Select(m => AfterColon(m.Text)).ToList();
        if (findings.Count == 0)
        {
            return Reply("There is nothing to plan from: this run holds no research findings.");
        }

        var days = Enumerable.Range(1, task.Days)
            .Select(day => $"{DayPrefix}{day} in {task.City}: {string.Join(" Then: ", findings.Where((_, i) => i % task.Days == day - 1))}")
            .Where(plan => !plan.EndsWith(": ", StringComparison.Ordinal))
            .ToList();
        if (ToolOutput.ResultsOf(request, MemoryToolNames.Remember).Count == 0)
        {
            return Call([.. days.Select(plan => (MemoryToolNames.Remember, new Dictionary<string, object?> { ["text"] = plan, ["kind"] = "fact", ["importance"] = 0.7 }))]);
        }

        return Reply(string.Join('\n', days));
    }

    // Writer: recall the run's day plans, write the itinerary with the user's preferences (from the middleware), remember a summary.
    private ChatMessage Write(List<ChatMessage> request, TripTask task)
    {
        var recalls = ToolOutput.ResultsOf(request, MemoryToolNames.Recall);
        if (recalls.Count == 0)
        {
            return Call((MemoryToolNames.Recall, new Dictionary<string, object?>
            {
                ["query"] = $"day by day plan for {task.City}",
                ["limit"] = 10,
            }));
        }

        var days = recalls.SelectMany(ToolOutput.Memories).Select(m => m.Text)
            .Where(text => text.StartsWith(DayPrefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(DayNumber)
            .ToList();
        var preferences = UserMemories(request);
        var itinerary = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Your {task.Days}-day itinerary for {task.City}:");
        foreach (var day in days)
        {
            itinerary.Append("\n- ").Append(day);
        }

        if (days.Count == 0)
        {
            itinerary.Append("\n- (the planner left no day plans for this run)");
        }

        itinerary.Append(preferences.Count == 0
            ? "\nI know nothing about your preferences yet."
            : $"\nWith your preferences in mind: {string.Join(" ", preferences)}");

        if (ToolOutput.ResultsOf(request, MemoryToolNames.Remember).Count == 0)
        {
            return Call((MemoryToolNames.Remember, new Dictionary<string, object?>
            {
                ["text"] = $"Wrote the {days.Count}-day itinerary for {task.City}, adapted to {preferences.Count} user preferences.",
                ["kind"] = "episode",
            }));
        }

        return Reply(itinerary.ToString());
    }

    /// <summary>The memory lines the middleware added ("- (fact, 2025-05-01) text"), as their texts.</summary>
    private static List<string> UserMemories(List<ChatMessage> request) =>
        [.. request.Where(m => m.Role == ChatRole.System).Skip(1)
            .SelectMany(m => m.Text.Split('\n'))
            .Select(line => MemoryLine().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["text"].Value.Trim())];

    private static TripTask TaskOf(List<ChatMessage> request)
    {
        var text = request.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var city = CityPattern().Match(text);
        var days = DaysPattern().Match(text);
        return new TripTask(
            city.Success ? city.Groups["city"].Value : "the city",
            days.Success ? Math.Clamp(int.Parse(days.Groups["days"].Value, CultureInfo.InvariantCulture), 1, 7) : 3);
    }

    private static int DayNumber(string plan) =>
        DaysInPlan().Match(plan) is { Success: true } match ? int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture) : int.MaxValue;

    private static string AfterColon(string text) => text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();

    private ChatMessage Call(params (string Name, Dictionary<string, object?> Arguments)[] calls) =>
        new(ChatRole.Assistant, [.. calls.Select((call, i) => (AIContent)new FunctionCallContent($"{_step}-{_calls}-{i}", call.Name, call.Arguments))]);

    private static ChatMessage Reply(string text) => new(ChatRole.Assistant, text);

    [GeneratedRegex(@"\bto (?<city>\p{Lu}[\p{L}-]+)")]
    private static partial Regex CityPattern();

    [GeneratedRegex(@"\b(?<days>\d+)[- ]day\b")]
    private static partial Regex DaysPattern();

    [GeneratedRegex(@"^Day (?<day>\d+)\b")]
    private static partial Regex DaysInPlan();

    [GeneratedRegex(@"^- \((?:fact|episode), [^)]*\) (?<text>.+)$")]
    private static partial Regex MemoryLine();
}
