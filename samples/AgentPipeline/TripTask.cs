namespace AgentPipeline;

/// <summary>What the scripted model reads from the task text: the city and the number of days.</summary>
internal sealed record TripTask(string City, int Days);
