using ContextMemory.Faiss.Interop;

namespace ContextMemory.Faiss.Tests;

/// <summary>The pieces every public call relies on: the finiteness scan, the status-to-exception gate and the errno mapping.</summary>
public sealed class InternalsTests
{
    [Fact]
    public void Finiteness_scan_finds_a_bad_value_at_every_position_and_length()
    {
        // Covers the unrolled vector loop, the single-vector loop and the scalar tail.
        foreach (var length in new[] { 1, 7, 8, 9, 31, 32, 33, 64, 100, 257 })
        {
            var values = new float[length];
            Assert.True(VectorChecks.AllFinite(values));
            for (var position = 0; position < length; position++)
            {
                foreach (var bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
                {
                    values[position] = bad;
                    Assert.False(VectorChecks.AllFinite(values), $"length {length}, position {position}, {bad}");
                    values[position] = 0;
                }
            }
        }

        Assert.True(VectorChecks.AllFinite([float.MaxValue, float.MinValue, float.Epsilon, -0f, 1e-45f]));
    }

    [Fact]
    public void Status_codes_map_to_the_documented_exceptions()
    {
        Assert.IsType<NotSupportedException>(NativeGate.CreateException(NativeStatus.NotSupported, "nope"));
        var corrupt = Assert.IsType<FaissFormatException>(NativeGate.CreateException(NativeStatus.Corrupt, "bad magic"));
        Assert.Equal(("bad magic", FaissErrorCode.Corrupt), (corrupt.Message, corrupt.ErrorCode));
        foreach ((var status, var code) in new[]
                 {
                     (NativeStatus.InvalidArgument, FaissErrorCode.InvalidArgument), (NativeStatus.Faiss, FaissErrorCode.Faiss),
                     (NativeStatus.OutOfMemory, FaissErrorCode.OutOfMemory),
                     (NativeStatus.NotFound, FaissErrorCode.NotFound), (NativeStatus.Unknown, FaissErrorCode.Unknown), (1234, FaissErrorCode.Unknown),
                 })
        {
            var ex = Assert.IsType<FaissException>(NativeGate.CreateException(status, "m"));
            Assert.Equal(code, ex.ErrorCode);
        }

        Assert.Equal(FaissErrors.NativeFailedWithoutMessage(3), NativeGate.CreateException(3, string.Empty).Message);

        // File failures are the IOException family, never a FaissException with an Io code.
        var io = Assert.IsType<IOException>(NativeGate.CreateException(NativeStatus.Io, "cannot write '/x': Input/output error", errno: 5, path: "/x"));
        Assert.Equal(("cannot write '/x': Input/output error", 5), (io.Message, io.HResult));
    }

    [Fact]
    public void Every_mapped_errno_becomes_the_documented_exception_type_and_hresult()
    {
        var existing = Path.Combine(Path.GetTempPath(), "index.cmfi");
        var inMissingDirectory = Path.Combine(Path.GetTempPath(), "cmf-" + Guid.NewGuid().ToString("N"), "index.cmfi");
        Assert.IsType<FileNotFoundException>(IoErrors.ToException(2, "m", existing));
        Assert.Equal(existing, ((FileNotFoundException)IoErrors.ToException(2, "m", existing)).FileName);
        Assert.IsType<DirectoryNotFoundException>(IoErrors.ToException(2, "m", inMissingDirectory));
        foreach (var denied in new[] { 1, 13, 30 })
        {
            var ex = Assert.IsType<UnauthorizedAccessException>(IoErrors.ToException(denied, "m", existing));
            Assert.Equal(denied, Assert.IsType<IOException>(ex.InnerException).HResult);
            Assert.Equal(FaissErrors.AccessDenied(existing, "m"), ex.Message);
        }

        foreach (var full in new[] { 28, 122 })
        {
            var ex = Assert.IsType<IOException>(IoErrors.ToException(full, "m", existing));
            Assert.Equal((IoErrors.DiskFullHResult, FaissErrors.DiskFull(existing, "m")), (ex.HResult, ex.Message));
        }

        Assert.Equal(unchecked((int)0x80070070), IoErrors.DiskFullHResult);
        var exists = Assert.IsType<IOException>(IoErrors.ToException(17, "m", existing));
        Assert.Equal((17, FaissErrors.FileExists(existing, "m")), (exists.HResult, exists.Message));
        Assert.Equal(FaissErrors.PathTooLong(existing, "m"), Assert.IsType<PathTooLongException>(IoErrors.ToException(36, "m", existing)).Message);
        var link = Assert.IsType<IOException>(IoErrors.ToException(40, "m", existing));
        Assert.Equal((40, FaissErrors.SymbolicLink(existing, "m")), (link.HResult, link.Message));
        var other = Assert.IsType<IOException>(IoErrors.ToException(21, "is a directory", existing));
        Assert.Equal((21, "is a directory"), (other.HResult, other.Message));
        Assert.Equal("not a regular file", Assert.IsType<IOException>(IoErrors.ToException(0, "not a regular file", existing)).Message);
    }

    [Fact]
    public void A_native_failure_carries_the_bridge_message_read_on_the_failing_thread()
    {
        // FAISS rejecting a factory description is a failure the bridge describes in its own words.
        var ex = Assert.Throws<FaissException>(() => FaissIndex.Create(4, IndexSpec.Factory("NoSuchIndexKind"), FaissMetric.L2));
        Assert.Equal(FaissErrorCode.Faiss, ex.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.NotEqual(FaissErrors.NativeFailedWithoutMessage(3), ex.Message);

        // An I/O failure carries the bridge's message (operation, path, errno text) inside the mapped exception.
        var path = Path.Combine(Path.GetTempPath(), "cmf-" + Guid.NewGuid().ToString("N"), "index.cmf");
        using var index = FaissIndex.Create(4, IndexSpec.Flat(), FaissMetric.L2);
        var io = Assert.Throws<DirectoryNotFoundException>(() => index.Save(path));
        Assert.Contains(Path.GetDirectoryName(path)!, io.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", io.Message, StringComparison.Ordinal);
    }
}
