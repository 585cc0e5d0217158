using Microsoft.Win32.SafeHandles;

namespace ContextMemory.Faiss.Interop;

/// <summary>Owns one native <c>cmf_range_result</c>; released with <c>cmf_range_result_free</c>.</summary>
internal sealed class FaissRangeResultHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public FaissRangeResultHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => NativeMethods.RangeResultFree(handle) == NativeStatus.Ok;
}
