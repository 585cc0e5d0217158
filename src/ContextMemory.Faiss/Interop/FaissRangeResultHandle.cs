namespace ContextMemory.Faiss.Interop;

/// <summary>Owns one native <c>cmf_range_result</c>; released with <c>cmf_range_result_free</c> of the bridge that made it.</summary>
internal sealed class FaissRangeResultHandle : NativeHandle
{
    private FaissRangeResultHandle(NativeBridge bridge)
        : base(bridge)
    {
    }

    public static FaissRangeResultHandle Own(NativeBridge bridge, nint pointer) => Own(new FaissRangeResultHandle(bridge), pointer);

    protected override bool ReleaseHandle() => Bridge.RangeResultFree(handle) == NativeStatus.Ok;
}
