using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance.Shapes;

/// <summary>
/// How one flavour of collection represents the conformance records: a typed class with a given key type, or
/// dynamic dictionaries. Everything a conformance test needs to build records, read them back, and express
/// filters and selectors is here, so each test is written once for every flavour.
/// </summary>
/// <typeparam name="TKey">The collection's key type.</typeparam>
/// <typeparam name="TRecord">The collection's record type.</typeparam>
public abstract class RecordShape<TKey, TRecord>
    where TKey : notnull
    where TRecord : class
{
    protected RecordShape(Type keyType) => KeyType = keyType;

    /// <summary>The CLR type of the stored key.</summary>
    public Type KeyType { get; }

    public TKey Key(int ordinal) => (TKey)TestKeys.For(KeyType, ordinal);

    public TKey MissingKey => (TKey)TestKeys.Missing(KeyType);

    /// <summary>Gets the collection object (no I/O).</summary>
    public abstract VectorStoreCollection<TKey, TRecord> Collection(FaissVectorStore store, string name, Schema schema);

    /// <summary>A record holding <paramref name="sample"/> under <paramref name="key"/>; Alternate only with two vectors.</summary>
    public abstract TRecord Create(TKey key, Sample sample, bool twoVectors);

    /// <summary>A record holding <paramref name="sample"/> whose key is not set.</summary>
    public abstract TRecord CreateWithoutKey(Sample sample, bool twoVectors);

    /// <summary>A record holding <paramref name="sample"/> but with <paramref name="embedding"/> as its vector.</summary>
    public abstract TRecord WithEmbedding(TKey key, Sample sample, float[] embedding);

    public abstract TKey KeyOf(TRecord record);

    /// <summary>The key the record carries, or null when it has none.</summary>
    public abstract object? RawKeyOf(TRecord record);

    /// <summary>The data values (everything but key and vectors) in a form that compares by value.</summary>
    public abstract RecordData DataOf(TRecord record);

    public abstract ReadOnlyMemory<float>? EmbeddingOf(TRecord record);

    public abstract float[]? AlternateOf(TRecord record);

    public abstract Expression<Func<TRecord, bool>> CategoryIs(string category);

    public abstract Expression<Func<TRecord, bool>> NumberBelow(int bound);

    public abstract Expression<Func<TRecord, bool>> HasTag(string tag);

    public abstract Expression<Func<TRecord, bool>> CategoryIsOrNumberAtLeast(string category, int bound);

    public abstract Expression<Func<TRecord, bool>> KeyIn(IReadOnlyList<TKey> keys);

    public abstract Expression<Func<TRecord, object?>> KeySelector { get; }

    public abstract Expression<Func<TRecord, object?>> CategorySelector { get; }

    public abstract Expression<Func<TRecord, object?>> NumberSelector { get; }

    public abstract Expression<Func<TRecord, object?>> WeightSelector { get; }

    public abstract Expression<Func<TRecord, object?>> EmbeddingSelector { get; }

    public abstract Expression<Func<TRecord, object?>> AlternateSelector { get; }

    public override string ToString() => $"{GetType().Name}<{KeyType.Name}>";
}
