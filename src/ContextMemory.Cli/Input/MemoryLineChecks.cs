namespace ContextMemory.Cli.Input;

/// <summary>What makes a JSONL line usable; each check returns the reason a line is refused, or null.</summary>
internal static class MemoryLineChecks
{
    public static string? ForAdd(MemoryLine memory)
    {
        if (string.IsNullOrWhiteSpace(memory.Text))
        {
            return CliErrors.LineNeedsText;
        }

        if (memory.Kind is not null && !MemoryKinds.TryParse(memory.Kind, out _))
        {
            return CliErrors.LineBadKind(memory.Kind);
        }

        return memory.Importance is { } importance && !(importance >= 0 && importance <= 1) ? CliErrors.LineBadImportance : null;
    }

    public static string? ForImport(MemoryLine memory, int? dimensions)
    {
        if (ForAdd(memory) is { } reason)
        {
            return reason;
        }

        if (memory.Id is null || memory.Id == Guid.Empty)
        {
            return CliErrors.LineNeedsId;
        }

        if (memory.Scope is not { } scope || (scope.User is null && scope.Agent is null && scope.Conversation is null))
        {
            return CliErrors.LineNeedsScope;
        }

        if (memory.Embedding is { } embedding && dimensions is { } expected && embedding.Length != expected)
        {
            return CliErrors.LineBadEmbedding(embedding.Length, expected);
        }

        return memory.Embedding is { } vector && !vector.All(float.IsFinite) ? CliErrors.LineEmbeddingNotFinite : null;
    }
}
