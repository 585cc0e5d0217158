using System.Globalization;

namespace ContextMemory.VectorStore.Tests.Reliability.Protocol;

/// <summary>
/// The acknowledgement log of the crash test's writer. Before an operation the writer appends its intent
/// (<c>I {op} U k,k,..</c> for an upsert of those keys at version op, <c>I {op} D k,k,..</c> for a delete), and after the
/// operation returned it appends <c>A {op}</c>; each (re)start appends <c>R {seed}</c>. Each line is written with one
/// unbuffered write call, so a kill leaves at most the last line torn; a torn line never ends in a newline and is ignored
/// (the next writer cuts it off before appending).
/// </summary>
public static class OperationLog
{
    public const char Upsert = 'U';
    public const char Delete = 'D';

    public sealed record Operation(long Op, char Kind, IReadOnlyList<long> Keys)
    {
        public bool Acknowledged { get; set; }
    }

    public static string Intent(long op, char kind, IEnumerable<long> keys) =>
        string.Create(CultureInfo.InvariantCulture, $"I {op} {kind} {string.Join(',', keys)}\n");

    public static string Ack(long op) => string.Create(CultureInfo.InvariantCulture, $"A {op}\n");

    /// <summary>Parses every complete line of the log, in order.</summary>
    /// <exception cref="FormatException">A complete line is malformed, or an ack does not follow its intent.</exception>
    public static List<Operation> Read(string path)
    {
        var operations = new List<Operation>();
        if (!File.Exists(path))
        {
            return operations;
        }

        var text = File.ReadAllText(path);
        var complete = text.LastIndexOf('\n') + 1;
        Operation? open = null;
        foreach (var line in text[..complete].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts[0] == "I" && parts.Length == 4)
            {
                var keys = parts[3].Split(',').Select(k => long.Parse(k, CultureInfo.InvariantCulture)).ToArray();
                open = new Operation(long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2][0], keys);
                operations.Add(open);
            }
            else if (parts[0] == "A" && parts.Length == 2 && open is not null && open.Op == long.Parse(parts[1], CultureInfo.InvariantCulture))
            {
                open.Acknowledged = true;
                open = null;
            }
            else if (parts[0] == "R")
            {
                // A writer (re)start marker: any earlier intent without an ack stays unacknowledged.
                open = null;
            }
            else
            {
                throw new FormatException($"malformed log line '{line}'");
            }
        }

        return operations;
    }
}
