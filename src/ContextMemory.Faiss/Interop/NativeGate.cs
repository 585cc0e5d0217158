using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ContextMemory.Faiss.Interop;

/// <summary>
/// The one place where a native status becomes an exception. The message comes from
/// <c>cmf_last_error</c>, which is thread-local, so it is read on the failing thread right after the call.
/// </summary>
/// <remarks>
/// Mapping: NOT_SUPPORTED becomes <see cref="NotSupportedException"/> (the caller asked for something the
/// index kind cannot do); CORRUPT becomes <see cref="FaissFormatException"/>; everything else, OUT_OF_MEMORY
/// included, becomes <see cref="FaissException"/> with its <see cref="FaissErrorCode"/>. A native allocation
/// failure leaves the managed heap healthy, so it is not reported as an <see cref="OutOfMemoryException"/>,
/// which callers rightly treat as fatal to the process.
/// </remarks>
internal static class NativeGate
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(int status)
    {
        if (status != NativeStatus.Ok)
        {
            Throw(status);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(int status) => throw CreateException(status, ReadLastError());

    internal static Exception CreateException(int status, string nativeMessage)
    {
        var message = string.IsNullOrEmpty(nativeMessage) ? FaissErrors.NativeFailedWithoutMessage(status) : nativeMessage;
        return status switch
        {
            NativeStatus.NotSupported => new NotSupportedException(message),
            NativeStatus.Corrupt => new FaissFormatException(message),
            _ => new FaissException(message, ToErrorCode(status)),
        };
    }

    internal static FaissErrorCode ToErrorCode(int status) => status switch
    {
        NativeStatus.InvalidArgument => FaissErrorCode.InvalidArgument,
        NativeStatus.NotSupported => FaissErrorCode.NotSupported,
        NativeStatus.Faiss => FaissErrorCode.Faiss,
        NativeStatus.OutOfMemory => FaissErrorCode.OutOfMemory,
        NativeStatus.Io => FaissErrorCode.Io,
        NativeStatus.Corrupt => FaissErrorCode.Corrupt,
        NativeStatus.NotFound => FaissErrorCode.NotFound,
        _ => FaissErrorCode.Unknown,
    };

    private static string ReadLastError() => Marshal.PtrToStringUTF8(NativeMethods.LastError()) ?? string.Empty;
}
