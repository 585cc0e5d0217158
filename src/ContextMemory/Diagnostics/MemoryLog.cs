using Microsoft.Extensions.Logging;

namespace ContextMemory.Diagnostics;

/// <summary>The memory layer's log messages (texts in <see cref="MemoryErrors"/>).</summary>
internal static partial class MemoryLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void SlowSearch(ILogger logger, string message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Merged a new memory into {MemoryId} (similarity {Similarity:F3}).")]
    public static partial void Merged(ILogger logger, Guid memoryId, double similarity);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Created the memory store for embedder {ModelId} ({Dimensions} dimensions).")]
    public static partial void StoreCreated(ILogger logger, string modelId, int dimensions);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Extraction in {Scope} met {Count} problems: {Problems}")]
    public static partial void ExtractionProblems(ILogger logger, MemoryScope scope, int count, string problems);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Extraction in {Scope}: {Added} added, {Updated} updated, {Deleted} deleted, {Unchanged} unchanged.")]
    public static partial void Extracted(ILogger logger, MemoryScope scope, int added, int updated, int deleted, int unchanged);
}
