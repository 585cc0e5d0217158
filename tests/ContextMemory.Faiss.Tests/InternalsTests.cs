using ContextMemory.Faiss.Interop;

namespace ContextMemory.Faiss.Tests;

/// <summary>The pieces every public call relies on: the finiteness scan and the status-to-exception gate.</summary>
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
                     (NativeStatus.OutOfMemory, FaissErrorCode.OutOfMemory), (NativeStatus.Io, FaissErrorCode.Io),
                     (NativeStatus.NotFound, FaissErrorCode.NotFound), (NativeStatus.Unknown, FaissErrorCode.Unknown), (1234, FaissErrorCode.Unknown),
                 })
        {
            var ex = Assert.IsType<FaissException>(NativeGate.CreateException(status, "m"));
            Assert.Equal(code, ex.ErrorCode);
        }

        Assert.Equal(FaissErrors.NativeFailedWithoutMessage(3), NativeGate.CreateException(3, string.Empty).Message);
    }

    [Fact]
    public void A_native_failure_carries_the_bridge_message_read_on_the_failing_thread()
    {
        // Writing into a directory that does not exist is an IO failure the bridge describes.
        var path = Path.Combine(Path.GetTempPath(), "cmf-" + Guid.NewGuid().ToString("N"), "index.cmf");
        using var index = FaissIndex.Create(4, IndexSpec.Flat(), FaissMetric.L2);
        var ex = Assert.Throws<FaissException>(() => index.Save(path));
        Assert.Equal(FaissErrorCode.Io, ex.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.NotEqual(FaissErrors.NativeFailedWithoutMessage(5), ex.Message);
    }
}
