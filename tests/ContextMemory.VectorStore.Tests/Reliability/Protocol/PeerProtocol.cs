using System.Globalization;

namespace ContextMemory.VectorStore.Tests.Reliability.Protocol;

/// <summary>
/// Lines exchanged by the two processes of the two-process test. A writer acknowledges each committed operation with
/// <c>ack {collection} {op} U|D {key,...}</c> (an upsert writes version = op); the other side must see it by its next
/// search and reports what it saw as <c>check {collection} {key} {ackedOp} {observed} {topHit}</c>. <c>stop</c> ends the
/// child, which then reports <c>state</c> lines and <c>done</c>.
/// </summary>
public static class PeerProtocol
{
    public const string ParentWriter = "parent";
    public const string ChildWriter = "child";
    public const long ParentKeyBase = 1_000_000;
    public const long ChildKeyBase = 2_000_000;
    public const int OverlapKeys = 40;
    public const string None = "-";
    public const string NotApplicable = "n/a";

    public static IReadOnlyList<(string Name, string IndexKind)> Collections { get; } = [("peer-flat", "Flat"), ("peer-hnsw", "Hnsw")];

    public static string AckLine(Ack ack) =>
        string.Create(CultureInfo.InvariantCulture, $"ack {ack.Collection} {ack.Op} {ack.Kind} {string.Join(',', ack.Keys)}");

    public static string CheckLine(Check check) =>
        string.Create(CultureInfo.InvariantCulture, $"check {check.Collection} {check.Key} {check.AckedOp} {check.Observed} {check.TopHit}");

    public static string StateLine(string collection, ReliabilityRecord record) =>
        string.Create(CultureInfo.InvariantCulture, $"state {collection} {record.Id} {Describe(record)}");

    /// <summary><c>writer:version</c> of a record, or <see cref="None"/>.</summary>
    public static string Describe(ReliabilityRecord? record) =>
        record is null ? None : string.Create(CultureInfo.InvariantCulture, $"{record.Writer}:{record.Version}");

    public static Ack ParseAck(string line)
    {
        var parts = line.Split(' ');
        return new Ack(parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), parts[3][0],
            [.. parts[4].Split(',').Select(k => long.Parse(k, CultureInfo.InvariantCulture))]);
    }

    public static Check ParseCheck(string line)
    {
        var parts = line.Split(' ');
        return new Check(parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture), parts[4], parts[5]);
    }

    public static (string Collection, long Key, string State) ParseState(string line)
    {
        var parts = line.Split(' ');
        return (parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), parts[3]);
    }

    /// <summary>An acknowledged operation: an upsert (kind U, version = op) or a delete (kind D) of the keys.</summary>
    public sealed record Ack(string Collection, long Op, char Kind, long[] Keys);

    /// <summary>
    /// What one process saw for a key right after the other acknowledged an operation on it: the record's
    /// <c>writer:version</c> (or <see cref="None"/>) from a search filtered by key, and, for upserts into the exact
    /// collection, the top hit of an unfiltered search for the acknowledged vector (<c>key:writer:version</c>, <see cref="None"/>
    /// when nothing was found, <see cref="NotApplicable"/> otherwise).
    /// </summary>
    public sealed record Check(string Collection, long Key, long AckedOp, string Observed, string TopHit);
}
