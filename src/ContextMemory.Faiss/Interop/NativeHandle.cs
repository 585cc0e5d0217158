using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ContextMemory.Faiss.Interop;

/// <summary>
/// A native object made by one copy of the bridge, remembered with that copy: every call on it, and its release,
/// goes there (an object of one copy handed to another would be a different FAISS's memory).
/// </summary>
internal abstract class NativeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    protected NativeHandle(NativeBridge bridge)
        : base(ownsHandle: true)
    {
        Bridge = bridge;
    }

    /// <summary>The bridge copy the object belongs to.</summary>
    public NativeBridge Bridge { get; }

    /// <summary>Takes ownership of a pointer the bridge returned (NULL gives an invalid handle, never released).</summary>
    protected static T Own<T>(T handle, nint pointer)
        where T : NativeHandle
    {
        Marshal.InitHandle(handle, pointer);
        return handle;
    }
}
