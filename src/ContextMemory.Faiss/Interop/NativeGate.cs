using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ContextMemory.Faiss.Interop;

/// <summary>
/// The one place where a native status becomes an exception. <see cref="NativeBridge"/> reads the message
/// (<c>cmf_last_error</c>) and errno (<c>cmf_last_errno</c>), both thread-local, on the failing thread right
/// after the call and hands them here.
/// </summary>
/// <remarks>
/// Mapping: NOT_SUPPORTED becomes <see cref="NotSupportedException"/> (the caller asked for something the
/// index kind cannot do); CORRUPT becomes <see cref="FaissFormatException"/>; IO becomes the
/// <see cref="IOException"/> family by errno (<see cref="IoErrors"/>); everything else, OUT_OF_MEMORY
/// included, becomes <see cref="FaissException"/> with its <see cref="FaissErrorCode"/>. A native allocation
/// failure leaves the managed heap healthy, so it is not reported as an <see cref="OutOfMemoryException"/>,
/// which callers rightly treat as fatal to the process.
/// </remarks>
internal static class NativeGate
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(int status, string nativeMessage, int errno, string? path) =>
        throw CreateException(status, nativeMessage, errno, path);

    internal static Exception CreateException(int status, string nativeMessage, int errno = 0, string? path = null)
    {
        var message = string.IsNullOrEmpty(nativeMessage) ? FaissErrors.NativeFailedWithoutMessage(status) : nativeMessage;
        return status switch
        {
            NativeStatus.NotSupported => new NotSupportedException(message),
            NativeStatus.Corrupt => new FaissFormatException(message),
            NativeStatus.Io => IoErrors.ToException(errno, message, path),
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
}
