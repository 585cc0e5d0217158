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
}
