namespace AgentPipeline;

/// <summary>The system instructions of each step: the same for a real model and (as documentation) for the scripted one.</summary>
internal static class StepInstructions
{
    public const string Researcher =
        "You are the researcher of a travel-planning pipeline. Call search_notes with the task's city to find the reference " +
        "notes that matter for the task. Then call remember once per useful finding, as one self-contained sentence that " +
        "starts with 'Finding for <city> (<topic>):'. Finish with a one-line summary of what you stored.";

    public const string Planner =
        "You are the planner of a travel-planning pipeline. Call recall to read the findings the researcher stored for this " +
        "run. Then call remember once per day of the trip with that day's plan as one sentence that starts with " +
        "'Day <n> in <city>:'. Finish with the plan, one line per day.";

    public const string Writer =
        "You are the writer of a travel-planning pipeline. Call recall to read the day plans of this run. You are also given " +
        "long-term memories about the user: respect them and say which preferences you took into account. Write the final " +
        "itinerary for the user, then call remember once with a one-sentence summary of what you wrote. Finish with the itinerary.";

    /// <summary>The user message every step gets: the task and the run.</summary>
    public static string Prompt(string task, string run) => $"Task: {task}\nRun: {run}";
}
