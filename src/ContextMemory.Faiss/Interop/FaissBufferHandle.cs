using Microsoft.Win32.SafeHandles;

namespace ContextMemory.Faiss.Interop;

/// <summary>Owns one native <c>cmf_buffer</c>; released with <c>cmf_buffer_free</c>.</summary>
internal sealed class FaissBufferHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public FaissBufferHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Copies the buffer's bytes into managed memory; an invalid (NULL) buffer reads as empty.</summary>
    public unsafe byte[] ToArray()
    {
        if (IsInvalid)
        {
            return [];
        }

        NativeGate.Check(NativeMethods.BufferData(this, out var data, out var size));
        if (size == 0)
        {
            return [];
        }

        if (size > Array.MaxLength)
        {
            throw new FaissException(FaissErrors.BufferTooLarge(size), FaissErrorCode.OutOfMemory);
        }

        return new ReadOnlySpan<byte>((void*)data, (int)size).ToArray();
    }

    protected override bool ReleaseHandle() => NativeMethods.BufferFree(handle) == NativeStatus.Ok;
}
