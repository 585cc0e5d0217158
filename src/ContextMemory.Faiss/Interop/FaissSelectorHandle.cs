namespace ContextMemory.Faiss.Interop;

/// <summary>Owns one native <c>cmf_selector</c>; released with <c>cmf_selector_free</c> of the bridge that made it.</summary>
internal sealed class FaissSelectorHandle : NativeHandle
{
    private FaissSelectorHandle(NativeBridge bridge)
        : base(bridge)
    {
    }

    public static FaissSelectorHandle Own(NativeBridge bridge, nint pointer) => Own(new FaissSelectorHandle(bridge), pointer);

    protected override bool ReleaseHandle() => Bridge.SelectorFree(handle) == NativeStatus.Ok;
}
