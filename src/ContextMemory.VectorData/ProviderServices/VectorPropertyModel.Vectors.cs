using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData.ProviderServices;

public partial class VectorPropertyModel
{
    /// <summary>
    /// Converts a vector value of any of the float vector types to <see cref="ReadOnlyMemory{T}"/> without copying.
    /// </summary>
    /// <param name="value">A <c>ReadOnlyMemory&lt;float&gt;</c>, <c>float[]</c> or <c>Embedding&lt;float&gt;</c>.</param>
    /// <param name="vector">The vector, when the conversion succeeds.</param>
    /// <returns><see langword="false"/> when <paramref name="value"/> is <see langword="null"/> or of another type.</returns>
    public static bool TryConvertToVector(object? value, out ReadOnlyMemory<float> vector)
    {
        switch (value)
        {
            case ReadOnlyMemory<float> memory:
                vector = memory;
                return true;
            case float[] array:
                vector = array;
                return true;
            case Embedding<float> embedding:
                vector = embedding.Vector;
                return true;
            default:
                vector = default;
                return false;
        }
    }

    /// <summary>
    /// Reads the vector of a native vector property from <paramref name="record"/>.
    /// </summary>
    /// <param name="record">A record of the model's record type.</param>
    /// <param name="vector">The vector, when the record has one.</param>
    /// <returns><see langword="false"/> when the property is <see langword="null"/> on the record.</returns>
    /// <exception cref="InvalidOperationException">The property is embedded: use <see cref="TryGenerateEmbeddingsAsync"/>.</exception>
    /// <exception cref="NotSupportedException">The property's value is not a float vector.</exception>
    public bool TryGetVector(object record, out ReadOnlyMemory<float> vector)
    {
        if (RequiresEmbeddingGeneration)
        {
            throw new InvalidOperationException(VectorDataStrings.VectorNotInRecord(ModelName));
        }

        var value = GetValueAsObject(record);
        if (value is null)
        {
            vector = default;
            return false;
        }

        return TryConvertToVector(value, out vector)
            ? true
            : throw new NotSupportedException(VectorDataStrings.CannotConvertVector(ModelName, Type));
    }

    /// <summary>
    /// Writes a stored vector into <paramref name="record"/>, converted to the property's type (<c>ReadOnlyMemory&lt;float&gt;</c>,
    /// <c>float[]</c> or <c>Embedding&lt;float&gt;</c>); used when vectors are requested back.
    /// </summary>
    /// <param name="record">A record of the model's record type.</param>
    /// <param name="vector">The vector. It is copied only when the property is a <c>float[]</c>.</param>
    /// <exception cref="NotSupportedException">The property is embedded (its input is not stored), or its type is not a float vector type.</exception>
    public void SetVector(object record, ReadOnlyMemory<float> vector)
    {
        if (RequiresEmbeddingGeneration)
        {
            throw new NotSupportedException(VectorDataStrings.IncludeVectorsNotSupported(ModelName));
        }

        var type = Nullable.GetUnderlyingType(Type) ?? Type;
        object value = type == typeof(ReadOnlyMemory<float>) ? vector
            : type == typeof(float[]) ? vector.ToArray()
            : type == typeof(Embedding<float>) ? new Embedding<float>(vector)
            : throw new NotSupportedException(VectorDataStrings.CannotConvertVector(ModelName, Type));
        SetValueAsObject(record, value);
    }
}
