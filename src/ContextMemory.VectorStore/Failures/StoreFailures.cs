using System.Text.Json;
using ContextMemory.Faiss;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Failures;

/// <summary>
/// The one place where failures of the storage underneath (SQLite, the file system, FAISS, locks) become
/// <see cref="VectorStoreException"/> carrying the store, collection and operation. Argument and
/// not-supported exceptions pass through unchanged: they describe the caller's request, not the storage.
/// </summary>
internal static class StoreFailures
{
    public const string SystemName = "faiss";

    public static bool IsStorageFailure(Exception exception) => exception is SqliteException or IOException or CollectionMissingException
        or UnauthorizedAccessException or FaissException or InvalidDataException or TimeoutException or JsonException;

    public static VectorStoreException Wrap(Exception inner, string storeName, string? collectionName, string operation) =>
        new(VectorStoreErrors.StorageFailed(operation, collectionName, inner.Message), inner)
        {
            VectorStoreSystemName = SystemName,
            VectorStoreName = storeName,
            CollectionName = collectionName,
            OperationName = operation,
        };

    public static async Task RunAsync(string storeName, string? collectionName, string operation, Func<Task> body)
    {
        try
        {
            await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            throw Wrap(ex, storeName, collectionName, operation);
        }
    }

    public static async Task<T> RunAsync<T>(string storeName, string? collectionName, string operation, Func<Task<T>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            throw Wrap(ex, storeName, collectionName, operation);
        }
    }

    public static T Run<T>(string storeName, string? collectionName, string operation, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            throw Wrap(ex, storeName, collectionName, operation);
        }
    }
}
