namespace ContextMemory.Faiss.Interop;

/// <summary>Status codes of the C ABI (cmf_bridge.h); kept numerically identical to <see cref="FaissErrorCode"/>.</summary>
internal static class NativeStatus
{
    public const int Ok = 0;
    public const int InvalidArgument = 1;
    public const int NotSupported = 2;
    public const int Faiss = 3;
    public const int OutOfMemory = 4;
    public const int Io = 5;
    public const int Corrupt = 6;
    public const int NotFound = 7;
    public const int Unknown = 99;
}
