using ContextMemory.Faiss.Interop;

namespace ContextMemory.Faiss;

/// <summary>
/// A native set of ids that a search is restricted to (see <see cref="FaissSearchOptions.Selector"/>).
/// </summary>
/// <remarks>
/// Selectors are immutable once created and safe to use from many threads and indexes at once. Dispose a
/// selector when no search needs it any more; a search already running keeps the native object alive until
/// it returns, and a later search with a disposed selector throws <see cref="ObjectDisposedException"/>.
/// </remarks>
public sealed class FaissIdSelector : IDisposable
{
    private readonly FaissSelectorHandle _handle;

    private FaissIdSelector(FaissSelectorHandle handle)
    {
        _handle = handle;
    }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => _handle.IsClosed;

    /// <summary>Accepts exactly the given ids (a hash set; lookups are O(1)).</summary>
    /// <param name="ids">The ids to accept; duplicates are harmless.</param>
    /// <returns>The selector.</returns>
    public static unsafe FaissIdSelector FromIds(ReadOnlySpan<long> ids)
    {
        var bridge = NativeBridge.Default;
        fixed (long* p = ids)
        {
            return new FaissIdSelector(bridge.SelectorCreateBatch(ids.Length, p));
        }
    }

    /// <summary>
    /// Accepts id <c>i</c> when bit <c>i</c> is set: <c>(bitmap[i &gt;&gt; 3] &gt;&gt; (i &amp; 7)) &amp; 1</c>, for
    /// <c>0 &lt;= i &lt; bitCount</c>. Ids outside that range are rejected. The cheapest selector for dense id spaces.
    /// </summary>
    /// <param name="bitmap">At least <c>ceil(bitCount / 8)</c> bytes; copied by the bridge.</param>
    /// <param name="bitCount">How many ids the bitmap covers.</param>
    /// <returns>The selector.</returns>
    public static unsafe FaissIdSelector FromBitmap(ReadOnlySpan<byte> bitmap, long bitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bitCount);
        if (bitmap.Length < (bitCount + 7) / 8)
        {
            throw new ArgumentException(FaissErrors.BitmapTooShort(bitmap.Length, bitCount), nameof(bitmap));
        }

        var bridge = NativeBridge.Default;
        fixed (byte* p = bitmap)
        {
            return new FaissIdSelector(bridge.SelectorCreateBitmap(bitCount, p));
        }
    }

    /// <summary>Accepts ids in the half-open range [<paramref name="min"/>, <paramref name="max"/>).</summary>
    /// <param name="min">Smallest accepted id.</param>
    /// <param name="max">First id past the range; must not be below <paramref name="min"/>.</param>
    /// <returns>The selector.</returns>
    public static FaissIdSelector Range(long min, long max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        return new FaissIdSelector(NativeBridge.Default.SelectorCreateRange(min, max));
    }

    /// <summary>
    /// A new selector that accepts every id this one rejects. It is independent: disposing either selector
    /// does not affect the other.
    /// </summary>
    /// <returns>The complement selector.</returns>
    public FaissIdSelector Not()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return new FaissIdSelector(_handle.Bridge.SelectorCreateNot(_handle));
    }

    /// <summary>Releases the native selector (deferred until running searches that use it return).</summary>
    public void Dispose() => _handle.Dispose();

    /// <summary>The handle to pass to native code; throws if disposed.</summary>
    internal FaissSelectorHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _handle;
        }
    }
}
