namespace ContextMemory.VectorStore.Tests.Reliability.Support;

/// <summary>
/// The reliability tests run one class at a time: each keeps both cores busy with child processes, and running
/// them side by side would only stretch every one of them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityGroup
{
    public const string Name = "Reliability";
}
