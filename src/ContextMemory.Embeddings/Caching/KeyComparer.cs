namespace ContextMemory.Embeddings.Caching;

/// <summary>Compares cache keys (SHA-256 digests) by content.</summary>
internal sealed class KeyComparer : IEqualityComparer<byte[]>
{
    public static readonly KeyComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    // A digest is uniformly distributed: its first bytes are a good hash.
    public int GetHashCode(byte[] obj) => obj.Length >= sizeof(int) ? BitConverter.ToInt32(obj, 0) : obj.Length;
}
