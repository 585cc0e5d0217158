using Microsoft.Extensions.Logging;

namespace ContextMemory.Embeddings.Caching;

/// <summary>The cache's log events; their texts come from <see cref="EmbeddingErrors"/>.</summary>
internal static partial class CacheLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void Rebuilt(ILogger logger, string message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void Unavailable(ILogger logger, Exception? exception, string message);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void InvalidEntry(ILogger logger, string message);
}
