namespace ContextMemory.Tools;

/// <summary>The outcomes a memory tool reports in <see cref="MemoryToolResult.Status"/>.</summary>
public static class MemoryToolStatus
{
    /// <summary>A new memory was stored.</summary>
    public const string Added = "added";

    /// <summary>The memory was merged into a very similar existing one.</summary>
    public const string Merged = "merged";

    /// <summary>Recall ran; <see cref="MemoryToolResult.Memories"/> holds its hits (possibly none).</summary>
    public const string Recalled = "recalled";

    /// <summary>The memory was changed.</summary>
    public const string Updated = "updated";

    /// <summary>The memory was forgotten.</summary>
    public const string Forgotten = "forgotten";

    /// <summary>No memory with that id exists in the bound scope.</summary>
    public const string NotFound = "not_found";

    /// <summary>The request was refused; <see cref="MemoryToolResult.Error"/> says why. Nothing was changed.</summary>
    public const string Error = "error";
}
