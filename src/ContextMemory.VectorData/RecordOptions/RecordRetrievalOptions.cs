namespace ContextMemory.VectorData;

/// <summary>
/// Options for getting records by key.
/// </summary>
public class RecordRetrievalOptions
{
    /// <summary>
    /// Gets or sets whether the records returned include their vectors. Defaults to <see langword="false"/>;
    /// <see langword="true"/> throws <see cref="NotSupportedException"/> when a vector property is embedded (its source value is not stored).
    /// </summary>
    public bool IncludeVectors { get; set; }
}
