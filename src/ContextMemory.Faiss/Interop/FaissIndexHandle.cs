using Microsoft.Win32.SafeHandles;

namespace ContextMemory.Faiss.Interop;

/// <summary>Owns one native <c>cmf_index</c>; released with <c>cmf_index_free</c>.</summary>
internal sealed class FaissIndexHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public FaissIndexHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => NativeMethods.IndexFree(handle) == NativeStatus.Ok;
}
