using System.Runtime.InteropServices;

namespace ContextMemory.Bench.Support;

/// <summary>
/// A second copy of the bridge (the other flavour) loaded by path, called through function pointers.
/// The binding's resolver binds one flavour per process; this lets the benchmark put both flavours in one
/// process and interleave their queries, so both see the same machine load. The libraries export only
/// the cmf_* symbols, so the two FAISS copies inside them cannot interpose on each other.
/// </summary>
public sealed unsafe class RawBridge : IDisposable
{
    private const int CosineMetric = 2;
    private readonly nint _library;
    private readonly delegate* unmanaged<byte*, int, int, nint*, int> _create;
    private readonly delegate* unmanaged<nint, long, float*, long*, int> _add;
    private readonly delegate* unmanaged<nint, long, float*, long, nint, int, int, float*, long*, int> _search;
    private readonly delegate* unmanaged<nint, int> _free;
    private readonly delegate* unmanaged<int, int> _setOmpThreads;
    private readonly delegate* unmanaged<byte**, byte**, int*, int> _version;
    private readonly delegate* unmanaged<byte*> _lastError;
    private nint _index;

    public RawBridge(string path)
    {
        _library = NativeLibrary.Load(path);
        _create = (delegate* unmanaged<byte*, int, int, nint*, int>)NativeLibrary.GetExport(_library, "cmf_index_create");
        _add = (delegate* unmanaged<nint, long, float*, long*, int>)NativeLibrary.GetExport(_library, "cmf_index_add_with_ids");
        _search = (delegate* unmanaged<nint, long, float*, long, nint, int, int, float*, long*, int>)NativeLibrary.GetExport(_library, "cmf_index_search");
        _free = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(_library, "cmf_index_free");
        _setOmpThreads = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(_library, "cmf_set_omp_threads");
        _version = (delegate* unmanaged<byte**, byte**, int*, int>)NativeLibrary.GetExport(_library, "cmf_version");
        _lastError = (delegate* unmanaged<byte*>)NativeLibrary.GetExport(_library, "cmf_last_error");
        Check(_setOmpThreads(1));
    }

    public string Flavor
    {
        get
        {
            byte* version;
            byte* flavor;
            int abi;
            Check(_version(&version, &flavor, &abi));
            return Marshal.PtrToStringUTF8((nint)flavor) ?? "?";
        }
    }

    /// <summary>Creates a flat cosine index and fills it with rows 0..n-1 of <paramref name="vectors"/>.</summary>
    public void BuildFlatCosine(float[] vectors, int dimension)
    {
        nint index;
        fixed (byte* description = "Flat\0"u8)
        {
            Check(_create(description, dimension, CosineMetric, &index));
        }

        _index = index;
        var count = vectors.Length / dimension;
        const int Chunk = 10_000;
        for (var first = 0; first < count; first += Chunk)
        {
            var rows = Math.Min(Chunk, count - first);
            var ids = Enumerable.Range(first, rows).Select(i => (long)i).ToArray();
            fixed (float* x = &vectors[first * dimension])
            fixed (long* p = ids)
            {
                Check(_add(_index, rows, x, p));
            }
        }
    }

    public void Search(ReadOnlySpan<float> query, Span<float> distances, Span<long> labels)
    {
        fixed (float* x = query)
        fixed (float* d = distances)
        fixed (long* l = labels)
        {
            Check(_search(_index, 1, x, labels.Length, 0, 0, 0, d, l));
        }
    }

    public void Dispose()
    {
        if (_index != 0)
        {
            _free(_index);
            _index = 0;
        }

        // The library stays mapped: unloading a library that started OpenMP threads is not safe.
    }

    private void Check(int status)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"bridge status {status}: {Marshal.PtrToStringUTF8((nint)_lastError())}");
        }
    }
}
