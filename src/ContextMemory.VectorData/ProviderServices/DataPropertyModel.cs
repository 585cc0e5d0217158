namespace ContextMemory.VectorData.ProviderServices;

/// <summary>
/// The provider-side model of a record's data property.
/// </summary>
/// <remarks>Treat as immutable once the model is built; it is then safe to use from many threads at once.</remarks>
public class DataPropertyModel : PropertyModel
{
    /// <summary>
    /// Initializes a new instance of the <see cref="DataPropertyModel"/> class.
    /// </summary>
    /// <param name="modelName">The property's name in the data model.</param>
    /// <param name="type">The property's .NET type.</param>
    public DataPropertyModel(string modelName, Type type)
        : base(modelName, type)
    {
    }

    /// <summary>
    /// Gets or sets whether the property should be indexed for filtering.
    /// </summary>
    public bool IsIndexed { get; set; }

    /// <summary>
    /// Gets or sets whether the property should be indexed for full-text (keyword) search.
    /// </summary>
    public bool IsFullTextIndexed { get; set; }
}
