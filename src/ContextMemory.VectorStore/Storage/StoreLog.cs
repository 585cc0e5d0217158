using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Storage;

/// <summary>The messages the store logs (partial only for the logging source generator).</summary>
internal static partial class StoreLog
{
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Removed the symbolic link {Path} (to {Target}): the store keeps its own files there and never follows a link out of its directory; the target was not touched.")]
    public static partial void LinkRemoved(ILogger logger, string path, string target);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Collection '{Collection}': index checkpoint {File} was not used because {Reason}; it was moved to {Target} and the index is rebuilt from the database.")]
    public static partial void CheckpointQuarantined(ILogger logger, string collection, string file, string reason, string target);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Collection '{Collection}': the index checkpoint of '{Vector}' could not be written on close ({Reason}); the database holds every change, and the next open replays them.")]
    public static partial void CheckpointNotWrittenOnClose(ILogger logger, Exception exception, string collection, string vector, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The vector store in {Directory} started over as asked: {Reason}; deleted {Files}.")]
    public static partial void StartedOver(ILogger logger, string directory, string reason, string files);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Collection '{Collection}': applying a committed write to the index of '{Vector}' failed; the index is rebuilt from the database.")]
    public static partial void ApplyFailed(ILogger logger, Exception exception, string collection, string vector);

    [LoggerMessage(Level = LogLevel.Error, Message = "Collection '{Collection}': background index maintenance failed; it is retried after the next write.")]
    public static partial void MaintenanceFailed(ILogger logger, Exception exception, string collection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Collection '{Collection}': rebuilt the index of '{Vector}' as {Spec} over {Count} vectors.")]
    public static partial void IndexRebuilt(ILogger logger, string collection, string vector, string spec, long count);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Collection '{Collection}': {Count} stored vectors of '{Vector}' are damaged (their bytes no longer match the checksum written with them) and are left out of the index: {Records}. The records' other data is intact; upsert them again with their vectors, or delete them.")]
    public static partial void DamagedVectorsLeftOut(ILogger logger, string collection, string vector, int count, string records);
}
