namespace ContextMemory;

/// <summary>The text a merged memory keeps.</summary>
public enum MergeTextPolicy
{
    /// <summary>The newer text replaces the old (the default: a restated fact is usually the more current).</summary>
    Replace,

    /// <summary>The old text stays.</summary>
    Keep,

    /// <summary>The newer text is appended to the old, on a new line.</summary>
    Append,
}
