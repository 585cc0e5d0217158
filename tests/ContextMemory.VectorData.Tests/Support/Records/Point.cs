namespace ContextMemory.VectorData.Tests.Support.Records;

/// <summary>A custom embedding input type.</summary>
public sealed record Point(float X, float Y);
