namespace ContextMemory.VectorData.Tests.Support.Records;

/// <summary>A record without attributes, described by a definition only.</summary>
public sealed class PlainNote
{
    public string Key { get; set; } = "";

    public string Title { get; set; } = "";

    public string[] Labels { get; set; } = [];

    public float[] Vector { get; set; } = [];

    public double Unused { get; set; }
}
