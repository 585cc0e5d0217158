using ContextMemory.Evaluation;
using System.Text.Json;
using ContextMemory.Embeddings;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.Cli;

/// <summary>Turns any failure into one line on stderr and an exit code: no stack trace ever reaches the user.</summary>
internal static class CliFailure
{
    public static async Task<int> ReportAsync(Exception exception, CliIO io)
    {
        var (code, message) = Classify(exception);
        await io.Error.WriteLineAsync(CliErrors.Prefix + CliErrors.OneLine(message)).ConfigureAwait(false);
        return code;
    }

    public static (int ExitCode, string Message) Classify(Exception exception) => exception switch
    {
        CliException cli => (cli.ExitCode, cli.Message),
        OperationCanceledException => (ExitCodes.Cancelled, CliErrors.Cancelled),
        EmbeddingConfigurationException or EmbeddingDimensionMismatchException => (ExitCodes.Configuration, exception.Message),
        MemoryStoreMismatchException => (ExitCodes.Configuration, exception.Message),
        MemoryNotFoundException => (ExitCodes.NotFound, exception.Message),
        MemoryScopeException or MemoryInputException => (ExitCodes.InvalidInput, exception.Message),
        MemoryErasureUnavailableException => (ExitCodes.Storage, exception.Message),
        JsonException => (ExitCodes.InvalidInput, exception.Message),
        EvaluationDatasetException => (ExitCodes.InvalidInput, exception.Message),
        ArgumentException => (ExitCodes.InvalidInput, exception.Message),
        VectorStoreException { InnerException: { } inner } => (ExitCodes.Storage, $"{exception.Message} ({inner.Message})"),
        VectorStoreException or IOException or UnauthorizedAccessException => (ExitCodes.Storage, exception.Message),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Classify(aggregate.InnerExceptions[0]),
        _ => (ExitCodes.Failure, CliErrors.Unexpected(exception)),
    };
}
