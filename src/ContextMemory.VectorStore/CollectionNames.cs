using ContextMemory.VectorStore.Failures;

namespace ContextMemory.VectorStore;

/// <summary>
/// Rules for collection names. Names are stored as bound parameters and mapped to integer ids for every
/// table and file, so any text is safe; the rules only keep names printable and unambiguous.
/// </summary>
internal static class CollectionNames
{
    public const int MaxLength = 256;

    public static void Validate(string name, string parameterName = "name")
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (name.Length == 0 || string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException(VectorStoreErrors.CollectionNameEmpty, parameterName);
        }

        if (name.Length > MaxLength)
        {
            throw new ArgumentException(VectorStoreErrors.CollectionNameTooLong(name.Length, MaxLength), parameterName);
        }

        if (!IsWellFormed(name))
        {
            throw new ArgumentException(VectorStoreErrors.CollectionNameMalformed, parameterName);
        }

        if (name.Any(char.IsControl))
        {
            throw new ArgumentException(VectorStoreErrors.CollectionNameControlCharacter, parameterName);
        }
    }

    private static bool IsWellFormed(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]))
            {
                if (i + 1 >= name.Length || !char.IsLowSurrogate(name[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(name[i]))
            {
                return false;
            }
        }

        return true;
    }
}
