using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>A record with a data property of every type the store can hold, nullable and not.</summary>
public sealed class AllTypesRecord
{
    [VectorStoreKey]
    public Guid Id { get; set; }

    [VectorStoreData]
    public string Text { get; set; } = "";

    [VectorStoreData]
    public string? MaybeText { get; set; }

    [VectorStoreData]
    public bool Flag { get; set; }

    [VectorStoreData]
    public bool? MaybeFlag { get; set; }

    [VectorStoreData]
    public int Count32 { get; set; }

    [VectorStoreData]
    public int? MaybeInt { get; set; }

    [VectorStoreData]
    public long Count64 { get; set; }

    [VectorStoreData]
    public long? MaybeLong { get; set; }

    [VectorStoreData]
    public short Count16 { get; set; }

    [VectorStoreData]
    public byte Octet { get; set; }

    [VectorStoreData]
    public sbyte SignedOctet { get; set; }

    [VectorStoreData]
    public ushort Unsigned16 { get; set; }

    [VectorStoreData]
    public uint Unsigned32 { get; set; }

    [VectorStoreData]
    public float Single32 { get; set; }

    [VectorStoreData]
    public float? MaybeFloat { get; set; }

    [VectorStoreData]
    public double Real64 { get; set; }

    [VectorStoreData]
    public double? MaybeDouble { get; set; }

    [VectorStoreData]
    public Guid Identifier { get; set; }

    [VectorStoreData]
    public Guid? MaybeGuid { get; set; }

    [VectorStoreData]
    public DateTime UtcTime { get; set; }

    [VectorStoreData]
    public DateTime LocalTime { get; set; }

    [VectorStoreData]
    public DateTime UnspecifiedTime { get; set; }

    [VectorStoreData]
    public DateTime? MaybeTime { get; set; }

    [VectorStoreData]
    public DateTimeOffset Offset { get; set; }

    [VectorStoreData]
    public DateTimeOffset? MaybeOffset { get; set; }

    [VectorStoreData]
    public DateOnly Date { get; set; }

    [VectorStoreData]
    public DateOnly? MaybeDate { get; set; }

    [VectorStoreData]
    public TimeOnly TimeOfDay { get; set; }

    [VectorStoreData]
    public TimeOnly? MaybeTimeOfDay { get; set; }

    [VectorStoreData]
    public string[] Tags { get; set; } = [];

    [VectorStoreData]
    public List<string> Labels { get; set; } = [];

    [VectorStoreData]
    public int[] Numbers { get; set; } = [];

    [VectorStoreData]
    public List<long>? Longs { get; set; }

    [VectorStoreData]
    public double[] Doubles { get; set; } = [];

    [VectorStoreData]
    public bool[] Flags { get; set; } = [];

    [VectorStoreData]
    public Guid[] Guids { get; set; } = [];

    [VectorStoreVector(4)]
    public ReadOnlyMemory<float> Vector { get; set; }
}
