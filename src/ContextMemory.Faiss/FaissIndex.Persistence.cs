using ContextMemory.Faiss.Interop;

namespace ContextMemory.Faiss;

/// <content>Saving and loading through the bridge's checksummed container.</content>
public sealed partial class FaissIndex
{
    /// <summary>Largest user data, in bytes, that <see cref="Save(string, ReadOnlySpan{byte})"/> and <see cref="ToBytes(ReadOnlySpan{byte})"/> accept.</summary>
    public const int MaxUserDataBytes = SpecEnvelope.MaxUserData;

    /// <summary>
    /// Writes the index and <paramref name="userData"/> to <paramref name="path"/> atomically: the container goes
    /// to a temporary file in the same directory, is flushed to disk, renamed over <paramref name="path"/>, and
    /// the directory entry is flushed. A crash leaves either the old file or the new one, never a torn file.
    /// </summary>
    /// <param name="path">Destination file; its directory must exist.</param>
    /// <param name="userData">Opaque caller bytes stored beside the index (at most <see cref="MaxUserDataBytes"/>).</param>
    /// <exception cref="FaissException">Writing failed (<see cref="FaissErrorCode.Io"/>).</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public unsafe void Save(string path, ReadOnlySpan<byte> userData = default)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfUserDataTooLarge(userData);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var scope = EnterRead())
            {
                var stored = SpecEnvelope.Wrap(_spec, userData);
                fixed (byte* u = stored)
                {
                    NativeGate.Check(NativeMethods.IndexWriteFile(_handle, temporary, stored.Length, u));
                }
            }

            File.Move(temporary, fullPath, overwrite: true);
            NativeGate.Check(NativeMethods.FsyncPath(directory));
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Serialises the index and <paramref name="userData"/> into the same container <see cref="Save(string, ReadOnlySpan{byte})"/> writes.</summary>
    /// <param name="userData">Opaque caller bytes (at most <see cref="MaxUserDataBytes"/>).</param>
    /// <returns>The container bytes.</returns>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public unsafe byte[] ToBytes(ReadOnlySpan<byte> userData = default)
    {
        ThrowIfDisposed();
        ThrowIfUserDataTooLarge(userData);
        using var scope = EnterRead();
        var stored = SpecEnvelope.Wrap(_spec, userData);
        fixed (byte* u = stored)
        {
            var status = NativeMethods.IndexWriteBuffer(_handle, stored.Length, u, out var buffer);
            using (buffer)
            {
                NativeGate.Check(status);
                return buffer.ToArray();
            }
        }
    }

    /// <summary>
    /// Loads an index saved by <see cref="Save(string, ReadOnlySpan{byte})"/>. The container header, sizes and
    /// both checksums are verified before FAISS parses a byte, so damaged or foreign files fail cleanly.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">Refuse files larger than this (0 for no limit): a guard against loading something absurd.</param>
    /// <returns>The index (owned by the caller) and the user data.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FaissFormatException">The file is damaged, truncated, foreign, or over <paramref name="maxBytes"/>.</exception>
    /// <exception cref="FaissException">Reading failed.</exception>
    public static FaissLoadResult Load(string path, long maxBytes = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        ThrowIfMissing(path);
        FaissLibrary.EnsureInitialized();
        var status = NativeMethods.IndexReadFile(path, maxBytes, out var handle, out var userData);
        return Adopt(status, handle, userData);
    }

    /// <summary>Loads an index from bytes produced by <see cref="ToBytes(ReadOnlySpan{byte})"/>; verified like <see cref="Load(string, long)"/>.</summary>
    /// <param name="data">The container bytes.</param>
    /// <param name="maxBytes">Refuse data larger than this (0 for no limit).</param>
    /// <returns>The index (owned by the caller) and the user data.</returns>
    /// <exception cref="FaissFormatException">The data is empty, damaged, truncated, foreign, or over <paramref name="maxBytes"/>.</exception>
    public static unsafe FaissLoadResult FromBytes(ReadOnlySpan<byte> data, long maxBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (data.IsEmpty)
        {
            throw new FaissFormatException(FaissErrors.EmptyData);
        }

        FaissLibrary.EnsureInitialized();
        fixed (byte* p = data)
        {
            var status = NativeMethods.IndexReadBuffer(data.Length, p, maxBytes, out var handle, out var userData);
            return Adopt(status, handle, userData);
        }
    }

    /// <summary>Reads the verified header and user data of an index file without loading the index.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Metric, dimension, payload size and user data.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FaissFormatException">The header or user data is damaged or foreign.</exception>
    public static FaissFileInfo Peek(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfMissing(path);
        FaissLibrary.EnsureInitialized();
        var status = NativeMethods.FilePeek(path, out var metricValue, out var dimension, out var payloadSize, out var userData);
        using (userData)
        {
            NativeGate.Check(status);
            var metric = (FaissMetric)metricValue;
            if (!Enum.IsDefined(metric))
            {
                throw new FaissFormatException(FaissErrors.UnknownMetric(metricValue));
            }

            return new FaissFileInfo(metric, dimension, payloadSize, SpecEnvelope.Unwrap(userData.ToArray(), out _));
        }
    }

    private static FaissLoadResult Adopt(int status, FaissIndexHandle handle, FaissBufferHandle userData)
    {
        using (userData)
        {
            ReadOnlyMemory<byte> callerData = default;
            var index = Adopt(status, handle, description =>
            {
                callerData = SpecEnvelope.Unwrap(userData.ToArray(), out var defaults);
                var spec = IndexSpec.Parse(description);
                return defaults is { } saved ? spec.WithSearchDefaults(saved.EfConstruction, saved.EfSearch, saved.NProbe) : spec;
            });
            return new FaissLoadResult(index, callerData);
        }
    }

    private static void ThrowIfMissing(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(null, path);
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
