using ContextMemory.VectorStore.Tests.Conformance.Shapes;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>
/// What a collection should hold, kept alongside it by a test: every live key with its sample, in insertion
/// (storage) order, which a replacing upsert keeps and a delete removes.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class TruthTable<TKey>
    where TKey : notnull
{
    private readonly List<TKey> _order = [];
    private readonly Dictionary<TKey, Sample> _samples = [];

    public int Count => _order.Count;

    /// <summary>The live entries in storage order.</summary>
    public IEnumerable<(TKey Key, Sample Sample)> Entries => _order.Select(k => (k, _samples[k]));

    public IEnumerable<TKey> Keys => _order;

    public bool Contains(TKey key) => _samples.ContainsKey(key);

    public Sample this[TKey key] => _samples[key];

    public void Upsert(TKey key, Sample sample)
    {
        if (!_samples.ContainsKey(key))
        {
            _order.Add(key);
        }

        _samples[key] = sample;
    }

    /// <summary>An independent copy of the table as it is now.</summary>
    public TruthTable<TKey> Clone()
    {
        var copy = new TruthTable<TKey>();
        foreach (var (key, sample) in Entries)
        {
            copy.Upsert(key, sample);
        }

        return copy;
    }

    public void Delete(TKey key)
    {
        if (_samples.Remove(key))
        {
            _order.Remove(key);
        }
    }
}
