namespace ContextMemory.Faiss.Interop;

/// <summary>Owns one native <c>cmf_buffer</c>; released with <c>cmf_buffer_free</c> of the bridge that made it.</summary>
internal sealed class FaissBufferHandle : NativeHandle
{
    private FaissBufferHandle(NativeBridge bridge)
        : base(bridge)
    {
    }

    public static FaissBufferHandle Own(NativeBridge bridge, nint pointer) => Own(new FaissBufferHandle(bridge), pointer);

    /// <summary>Copies the buffer's bytes into managed memory; an invalid (NULL) buffer reads as empty.</summary>
    public byte[] ToArray() => IsInvalid ? [] : Bridge.BufferData(this).ToArray();

    protected override bool ReleaseHandle() => Bridge.BufferFree(handle) == NativeStatus.Ok;
}
