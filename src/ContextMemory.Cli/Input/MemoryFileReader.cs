using System.Text.Json;

namespace ContextMemory.Cli.Input;

/// <summary>
/// Reads a whole memory file before anything is written: a malformed line N stops the command with
/// <c>path:N: reason</c> and nothing from the file is stored.
/// </summary>
internal static class MemoryFileReader
{
    /// <summary>The memories of an <c>add --file</c> file: a .txt (one per non-empty line) or a .jsonl.</summary>
    public static async Task<IReadOnlyList<NewMemory>> ReadNewMemoriesAsync(string path, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(path).ToUpperInvariant();
        if (extension is not (".TXT" or ".JSONL" or ".NDJSON"))
        {
            throw new CliException(ExitCodes.InvalidInput, CliErrors.UnknownFileKind(path));
        }

        var memories = new List<NewMemory>();
        await foreach (var (number, line) in ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            memories.Add(extension == ".TXT"
                ? new NewMemory { Text = line.Trim() }
                : ToNewMemory(path, number, Deserialize(path, number, line)));
        }

        return memories;
    }

    /// <summary>The records of an <c>import</c> file (an <c>export</c>'s JSONL), each checked completely.</summary>
    public static async Task<IReadOnlyList<MemoryLine>> ReadExportAsync(string path, int? dimensions, CancellationToken cancellationToken)
    {
        var records = new List<MemoryLine>();
        await foreach (var (number, line) in ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var memory = Deserialize(path, number, line);
            var reason = MemoryLineChecks.ForImport(memory, dimensions);
            if (reason is not null)
            {
                throw new CliException(ExitCodes.InvalidInput, CliErrors.BadLine(path, number, reason));
            }

            records.Add(memory);
        }

        return records;
    }

    private static NewMemory ToNewMemory(string path, int number, MemoryLine memory)
    {
        var reason = MemoryLineChecks.ForAdd(memory);
        if (reason is not null)
        {
            throw new CliException(ExitCodes.InvalidInput, CliErrors.BadLine(path, number, reason));
        }

        return new NewMemory
        {
            Text = memory.Text!,
            Kind = memory.Kind is null ? MemoryKind.Fact : MemoryKinds.Parse(memory.Kind),
            Importance = memory.Importance,
            OccurredAt = memory.OccurredAt,
            Tags = memory.Tags,
            Source = memory.Source,
            Speaker = memory.Speaker,
            ConversationTitle = memory.ConversationTitle,
        };
    }

    private static MemoryLine Deserialize(string path, int number, string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, CliJson.Lines.MemoryLine)
                ?? throw new CliException(ExitCodes.InvalidInput, CliErrors.BadLine(path, number, CliErrors.LineNotObject));
        }
        catch (JsonException exception)
        {
            throw new CliException(ExitCodes.InvalidInput, CliErrors.BadLine(path, number, exception.Message));
        }
    }

    // Non-blank lines with their 1-based numbers.
    private static async IAsyncEnumerable<(int Number, string Line)> ReadLinesAsync(
        string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.NotFound, CliErrors.FileMissing(path));
        }

        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }
}
