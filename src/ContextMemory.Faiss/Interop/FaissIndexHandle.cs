namespace ContextMemory.Faiss.Interop;

/// <summary>Owns one native <c>cmf_index</c>; released with <c>cmf_index_free</c> of the bridge that made it.</summary>
internal sealed class FaissIndexHandle : NativeHandle
{
    private FaissIndexHandle(NativeBridge bridge)
        : base(bridge)
    {
    }

    public static FaissIndexHandle Own(NativeBridge bridge, nint pointer) => Own(new FaissIndexHandle(bridge), pointer);

    protected override bool ReleaseHandle() => Bridge.IndexFree(handle) == NativeStatus.Ok;
}
