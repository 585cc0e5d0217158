namespace ContextMemory.Extraction;

/// <summary>One change extraction made (or, for <see cref="ExtractionOperation.None"/>, decided not to make).</summary>
public sealed class ExtractionAction
{
    /// <summary>What was done.</summary>
    public ExtractionOperation Operation { get; init; }

    /// <summary>The memory added, updated or forgotten; for <see cref="ExtractionOperation.None"/>, the memory that already held the fact, if the model named one.</summary>
    public Guid? MemoryId { get; init; }

    /// <summary>The text stored (added or updated), or the candidate fact for <see cref="ExtractionOperation.None"/> and <see cref="ExtractionOperation.Delete"/>.</summary>
    public string? Text { get; init; }

    /// <summary>The memory's text before an update or a delete.</summary>
    public string? PreviousText { get; init; }

    /// <summary>The importance the model gave the fact (clamped to 0..1), or <see langword="null"/> when it gave none and the heuristic decided.</summary>
    public double? Importance { get; init; }
}
