namespace ContextMemory.VectorStore.Tests.Conformance.Shapes;

/// <summary>Deterministic distinct keys of every supported key type.</summary>
public static class TestKeys
{
    /// <summary>The key of the sample with <paramref name="ordinal"/>: never a default value, spread out, not in insertion order.</summary>
    public static object For(Type keyType, int ordinal)
    {
        var spread = ((ordinal * 7919L) % 100_003) + 1;
        if (keyType == typeof(long))
        {
            return (spread * 1_000_000_007L) + ordinal;
        }

        if (keyType == typeof(int))
        {
            return checked((int)((spread * 10_000) + (ordinal % 10_000)));
        }

        if (keyType == typeof(string))
        {
            // Non-ASCII on purpose; no surrogates, so UTF-8 byte order (SQLite) equals ordinal UTF-16 order.
            return $"k-{spread:D6}-ключ-{ordinal}";
        }

        if (keyType == typeof(Guid))
        {
            var bytes = new byte[16];
            new Random(ordinal + 1).NextBytes(bytes);
            return new Guid(bytes);
        }

        throw new ArgumentOutOfRangeException(nameof(keyType), keyType, null);
    }

    /// <summary>A key no sample has.</summary>
    public static object Missing(Type keyType) =>
        keyType == typeof(long) ? -42L
        : keyType == typeof(int) ? -42
        : keyType == typeof(string) ? "missing-key"
        : keyType == typeof(Guid) ? new Guid("0b5ad0b5-0000-4000-8000-000000000042")
        : throw new ArgumentOutOfRangeException(nameof(keyType), keyType, null);

    /// <summary>The value a key property holds when the record has no key.</summary>
    public static object? Unset(Type keyType) =>
        keyType == typeof(string) ? null : Activator.CreateInstance(keyType);
}
