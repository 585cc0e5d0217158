using Microsoft.Win32.SafeHandles;

namespace ContextMemory.Faiss.Interop;

/// <summary>Owns one native <c>cmf_selector</c>; released with <c>cmf_selector_free</c>.</summary>
internal sealed class FaissSelectorHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public FaissSelectorHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>
    /// A handle whose value is NULL, passed where the C ABI accepts "no selector". The source-generated
    /// marshaller needs an instance (it add-refs it), and an invalid handle is never released.
    /// </summary>
    public static FaissSelectorHandle Null { get; } = new();

    protected override bool ReleaseHandle() => NativeMethods.SelectorFree(handle) == NativeStatus.Ok;
}
