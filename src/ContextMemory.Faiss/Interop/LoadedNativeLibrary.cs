namespace ContextMemory.Faiss.Interop;

/// <summary>The library the resolver bound: its OS handle, the file it came from and why it was chosen.</summary>
internal sealed record LoadedNativeLibrary(nint Handle, string Path, IReadOnlyList<string> Notes);
