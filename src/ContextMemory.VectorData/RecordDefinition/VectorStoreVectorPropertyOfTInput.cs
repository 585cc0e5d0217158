using ContextMemory.VectorData.ProviderServices;
using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData;

/// <summary>
/// Defines an embedded vector property whose input is of a custom .NET type <typeparamref name="TInput"/>.
/// </summary>
/// <typeparam name="TInput">The type of the property's value, which an <c>IEmbeddingGenerator&lt;TInput, Embedding&lt;float&gt;&gt;</c> turns into a vector.</typeparam>
/// <remarks>
/// Only needed for dynamic (dictionary) records whose embedded property has an input type other than <see cref="string"/> or
/// <see cref="DataContent"/>; the generic parameter lets the generator be called without reflection.
/// </remarks>
public class VectorStoreVectorProperty<TInput> : VectorStoreVectorProperty
{
    /// <summary>
    /// Initializes a new instance of the <see cref="VectorStoreVectorProperty{TInput}"/> class.
    /// </summary>
    /// <param name="name">The property's name in the data model; for a .NET record type, the name of the .NET property.</param>
    /// <param name="dimensions">The number of dimensions of the vector; greater than zero.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is zero or negative.</exception>
    public VectorStoreVectorProperty(string name, int dimensions)
        : base(name, typeof(TInput), dimensions)
    {
    }

    /// <inheritdoc />
    internal override VectorPropertyModel CreatePropertyModel(Type type)
        => type == typeof(TInput) ? new VectorPropertyModel<TInput>(Name) : base.CreatePropertyModel(type);
}
