namespace ContextMemory.SemanticKernel;

/// <summary>The messages of the legacy plugin, in one place.</summary>
internal static class LegacyMessages
{
    public const string KeyMissing = "A key is required to save, retrieve or remove information.";
}
