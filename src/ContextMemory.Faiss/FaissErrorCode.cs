namespace ContextMemory.Faiss;

/// <summary>Why a native FAISS bridge call failed; carried by <see cref="FaissException.ErrorCode"/>.</summary>
/// <remarks>Values equal the status codes of the C ABI.</remarks>
public enum FaissErrorCode
{
    /// <summary>No native status applies (the failure was detected by the managed binding).</summary>
    None = 0,

    /// <summary>The bridge rejected an argument the managed side let through.</summary>
    InvalidArgument = 1,

    /// <summary>The index kind cannot perform the operation.</summary>
    NotSupported = 2,

    /// <summary>FAISS itself raised an error; the message is FAISS's.</summary>
    Faiss = 3,

    /// <summary>A native allocation failed. The managed heap is unaffected.</summary>
    OutOfMemory = 4,

    /// <summary>
    /// The bridge's status for a file that could not be opened, read, written or synced. Not carried by any
    /// <see cref="FaissException"/>: such failures surface as the <see cref="IOException"/> family, mapped from
    /// the operating system's error (see <see cref="FaissIndex"/>).
    /// </summary>
    Io = 5,

    /// <summary>Persisted data is damaged, foreign, truncated or over the size limit.</summary>
    Corrupt = 6,

    /// <summary>An id is not in the index.</summary>
    NotFound = 7,

    /// <summary>Any other native failure.</summary>
    Unknown = 99,
}
