namespace ContextMemory.Bench.Store;

/// <summary>Every figure of one (data set, index kind) configuration.</summary>
public sealed record ScenarioResult(
    string Data,
    string Kind,
    string IndexDescription,
    IngestFigures Ingest,
    SearchFigures Search,
    SearchFigures Filtered,
    ReopenFigures? Reopen,
    long StoreBytes,
    long PeakWorkingSetBytes,
    string LoadBefore,
    string LoadAfter);
