namespace AgentPipeline;

/// <summary>The agent ids of the steps, in the order they run.</summary>
internal static class StepNames
{
    public const string Researcher = "researcher";

    public const string Planner = "planner";

    public const string Writer = "writer";
}
