namespace ContextMemory.Extraction;

/// <summary>
/// What one extraction did: the actions applied, in order, and every problem met on the way (a reply that did not
/// parse, an id the model invented, a fact the memory layer refused). A problem never stops the other actions and
/// never changes a memory it concerns.
/// </summary>
public sealed class ExtractionResult
{
    /// <summary>The actions, in the order they were applied.</summary>
    public required IReadOnlyList<ExtractionAction> Actions { get; init; }

    /// <summary>One line per problem; empty when the model's replies were used as they came.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>How many facts were added (or merged).</summary>
    public int Added => Actions.Count(a => a.Operation == ExtractionOperation.Add);

    /// <summary>How many memories were updated.</summary>
    public int Updated => Actions.Count(a => a.Operation == ExtractionOperation.Update);

    /// <summary>How many memories were forgotten.</summary>
    public int Deleted => Actions.Count(a => a.Operation == ExtractionOperation.Delete);

    /// <summary>How many facts the scope already knew.</summary>
    public int Unchanged => Actions.Count(a => a.Operation == ExtractionOperation.None);
}
