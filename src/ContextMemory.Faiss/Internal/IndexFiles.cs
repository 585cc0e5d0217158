using ContextMemory.Faiss.Interop;

namespace ContextMemory.Faiss;

/// <summary>
/// Persistence of a <see cref="FaissIndex"/> through the bridge's checksummed container: atomic, no-follow
/// file writes and reads, buffers, and header peeks. The container itself carries the search defaults, so
/// the caller's user data is stored and returned exactly as given.
/// </summary>
internal static class IndexFiles
{
    /// <summary>The container's limit on user data: 1 MiB.</summary>
    public const int MaxUserDataBytes = 1 << 20;

    public static unsafe void Save(NativeIndex index, string path, ReadOnlySpan<byte> userData)
    {
        index.ThrowIfDisposed();
        ThrowIfUnusable(path);
        ThrowIfUserDataTooLarge(userData);
        var fullPath = Path.GetFullPath(path);
        using var scope = index.EnterRead();
        fixed (byte* u = userData)
        {
            index.Bridge.IndexWriteFile(index.Handle, fullPath, userData.Length, u);
        }
    }

    public static unsafe byte[] ToBytes(NativeIndex index, ReadOnlySpan<byte> userData)
    {
        index.ThrowIfDisposed();
        ThrowIfUserDataTooLarge(userData);
        using var scope = index.EnterRead();
        fixed (byte* u = userData)
        {
            using var buffer = index.Bridge.IndexWriteBuffer(index.Handle, userData.Length, u);
            return buffer.ToArray();
        }
    }

    public static FaissLoadResult Load(string path, long maxBytes)
    {
        ThrowIfUnusable(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        (var handle, var userData) = NativeBridge.Default.IndexReadFile(Path.GetFullPath(path), maxBytes);
        return Adopt(handle, userData);
    }

    public static unsafe FaissLoadResult FromBytes(ReadOnlySpan<byte> data, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (data.IsEmpty)
        {
            throw new FaissFormatException(FaissErrors.EmptyData);
        }

        var bridge = NativeBridge.Default;
        fixed (byte* p = data)
        {
            (var handle, var userData) = bridge.IndexReadBuffer(data.Length, p, maxBytes);
            return Adopt(handle, userData);
        }
    }

    public static FaissFileInfo Peek(string path)
    {
        ThrowIfUnusable(path);
        (var metricValue, var dimension, var payloadSize, var userData) = NativeBridge.Default.FilePeek(Path.GetFullPath(path));
        using (userData)
        {
            var metric = (FaissMetric)metricValue;
            if (!Enum.IsDefined(metric))
            {
                throw new FaissFormatException(FaissErrors.UnknownMetric(metricValue));
            }

            return new FaissFileInfo(metric, dimension, payloadSize, userData.ToArray());
        }
    }

    /// <summary>A loaded index comes with its saved search defaults; the spec is made to say the same.</summary>
    private static FaissLoadResult Adopt(FaissIndexHandle handle, FaissBufferHandle userData)
    {
        using (userData)
        {
            byte[] callerData;
            try
            {
                callerData = userData.ToArray();
            }
            catch
            {
                handle.Dispose();
                throw;
            }

            var index = NativeIndex.Adopt(handle, description => SpecOf(handle, description), applySpecDefaults: false);
            return new FaissLoadResult(new FaissIndex(index), callerData);
        }
    }

    private static IndexSpec SpecOf(FaissIndexHandle handle, string description)
    {
        (var efConstruction, var efSearch, var nprobe) = handle.Bridge.IndexSearchDefaults(handle);
        return IndexSpec.Parse(description).WithSearchDefaults(efConstruction, efSearch, nprobe);
    }

    private static void ThrowIfUnusable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(FaissErrors.PathContainsNul, nameof(path));
        }
    }

    private static void ThrowIfUserDataTooLarge(ReadOnlySpan<byte> userData)
    {
        if (userData.Length > MaxUserDataBytes)
        {
            throw new ArgumentException(FaissErrors.UserDataTooLarge(userData.Length, MaxUserDataBytes), nameof(userData));
        }
    }
}
