namespace ContextMemory.Bench.Store;

/// <summary>Opening the store again, from the first constructor call to the first search's results.</summary>
/// <param name="FromCheckpointSeconds">With the index checkpoint in place (load, verify, nothing to replay).</param>
/// <param name="BareLoadSeconds">Loading the same checkpoint file into a bare index (verify and parse), right before the reopen.</param>
/// <param name="RebuildSeconds">With the checkpoint file deleted: the index is rebuilt from SQLite (and checkpointed again).</param>
public sealed record ReopenFigures(double FromCheckpointSeconds, double BareLoadSeconds, double RebuildSeconds);
