using Microsoft.Extensions.AI;

namespace ContextMemory.Extraction;

/// <summary>How <see cref="MemoryExtractor"/> reads a conversation and what it lets a model change.</summary>
public sealed class MemoryExtractionOptions
{
    /// <summary>The most candidate facts taken from one conversation (1 or more); more are reported as a problem and ignored. Default 10.</summary>
    public int MaxFacts { get; init; } = 10;

    /// <summary>How many of the scope's most similar memories are shown to the model per fact (1 to the service's <see cref="MemoryServiceOptions.MaxLimit"/>). Default 5.</summary>
    public int SimilarPerFact { get; init; } = 5;

    /// <summary>The most characters read of one message (its beginning is kept; a cut is reported as a problem). Default 4,000.</summary>
    public int MaxMessageCharacters { get; init; } = 4_000;

    /// <summary>The most characters of conversation sent to the model (the latest ones are kept). Default 12,000.</summary>
    public int MaxConversationCharacters { get; init; } = 12_000;

    /// <summary>Options for both model calls (model id, temperature, ...); the response format is set by the extractor.</summary>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>
    /// Whether each call carries a JSON-schema response format (structured output). Turn it off for a model or server that
    /// rejects response formats: the instructions still ask for the same JSON, and the reply is parsed the same way. Default on.
    /// </summary>
    public bool UseJsonSchema { get; init; } = true;

    /// <summary>The kind of the memories extraction adds. Default <see cref="MemoryKind.Fact"/>.</summary>
    public MemoryKind Kind { get; init; } = MemoryKind.Fact;

    /// <summary>The actor written into the history for updates and deletes. Default "extraction".</summary>
    public string Actor { get; init; } = "extraction";

    /// <summary>The source recorded on added memories. Default "extraction".</summary>
    public string Source { get; init; } = "extraction";
}
