using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ContextMemory.Embeddings.Onnx;

/// <summary>
/// Reads a model's <c>model.onnx</c> and <c>vocab.txt</c> out of the SentenceTransformers package assembly that embeds
/// them, as data: the assembly is never loaded as code, so its dependencies (Microsoft.ML) are not needed.
/// </summary>
internal static class EmbeddedModelFiles
{
    private const string ModelsFolder = "models";

    public static byte[] ReadModel(ModelDescriptor model) => Read(model, "model.onnx");

    public static byte[] ReadVocabulary(ModelDescriptor model) => Read(model, "vocab.txt");

    private static byte[] Read(ModelDescriptor model, string resource)
    {
        var path = Locate(model.AssemblyFileName);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var (offset, length) = FindResource(file, path, model.ResourcePrefix + resource);
        var data = new byte[length];
        file.Position = offset;
        file.ReadExactly(data);
        return data;
    }

    // The build copies the model assemblies to <output>/models; a host that moved the library keeps them beside it.
    private static string Locate(string fileName)
    {
        string[] folders =
        [
            Path.Combine(AppContext.BaseDirectory, ModelsFolder),
            Path.Combine(Path.GetDirectoryName(typeof(EmbeddedModelFiles).Assembly.Location) ?? AppContext.BaseDirectory, ModelsFolder),
        ];
        foreach (var folder in folders.Distinct(StringComparer.Ordinal))
        {
            var candidate = Path.Combine(folder, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(OnnxEmbeddingErrors.ModelFileMissing(fileName, string.Join(", ", folders.Distinct(StringComparer.Ordinal))), fileName);
    }

    // A managed resource lives in the CLI header's resources directory at its manifest offset, prefixed by its length.
    private static (long Offset, int Length) FindResource(FileStream file, string path, string name)
    {
        using var pe = new PEReader(file, PEStreamOptions.LeaveOpen);
        var metadata = pe.GetMetadataReader();
        var fileName = Path.GetFileName(path);
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!metadata.StringComparer.Equals(resource.Name, name) || !resource.Implementation.IsNil)
            {
                continue;
            }

            var directory = pe.PEHeaders.CorHeader?.ResourcesDirectory ?? default;
            if (!pe.PEHeaders.TryGetDirectoryOffset(directory, out var directoryOffset))
            {
                throw new InvalidDataException(OnnxEmbeddingErrors.ModelResourceDamaged(fileName, name));
            }

            return Bounds(file, directoryOffset + resource.Offset, directory.Size - resource.Offset, fileName, name);
        }

        throw new InvalidDataException(OnnxEmbeddingErrors.ModelResourceMissing(fileName, name));
    }

    private static (long Offset, int Length) Bounds(FileStream file, long start, long room, string fileName, string name)
    {
        Span<byte> prefix = stackalloc byte[sizeof(int)];
        file.Position = start;
        if (room < sizeof(int) || file.Read(prefix) != sizeof(int))
        {
            throw new InvalidDataException(OnnxEmbeddingErrors.ModelResourceDamaged(fileName, name));
        }

        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length < 0 || length > room - sizeof(int) || start + sizeof(int) + length > file.Length)
        {
            throw new InvalidDataException(OnnxEmbeddingErrors.ModelResourceDamaged(fileName, name));
        }

        return (start + sizeof(int), length);
    }
}
