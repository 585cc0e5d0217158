using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ContextMemory.Cli.Output;

/// <summary>Writes <c>--json</c> results and JSONL, untouched by the console's markup and wrapping.</summary>
internal static class JsonOutput
{
    public static async Task WriteAsync<T>(CliIO io, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await io.Out.WriteLineAsync(JsonSerializer.Serialize(value, type).AsMemory(), cancellationToken).ConfigureAwait(false);
        await io.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes each value as one JSON line (JSONL); returns how many were written.</summary>
    public static async Task<int> WriteLinesAsync<TSource, T>(TextWriter writer, IAsyncEnumerable<TSource> values, Func<TSource, T> map, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var value in values.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(map(value), type).AsMemory(), cancellationToken).ConfigureAwait(false);
            count++;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }
}
