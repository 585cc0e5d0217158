using System.Reflection;

namespace ContextMemory.VectorData.ProviderServices;

/// <summary>
/// The provider-side model of one record property: its names, its type, and compiled accessors that read and write it on a
/// record, whether the record is a .NET object or a <c>Dictionary&lt;string, object?&gt;</c>.
/// </summary>
/// <remarks>
/// Built by <see cref="CollectionModelBuilder"/>. Settable members are for the builder and its provider-specific
/// <see cref="CollectionModelBuilder.Customize"/> step; once the model is built, treat it as immutable, after which it is
/// safe to use from many threads at once.
/// </remarks>
public abstract class PropertyModel
{
    private string? _storageName;
    private Func<object, object?>? _getter;
    private Action<object, object?>? _setter;

    /// <summary>
    /// Initializes a new instance of the <see cref="PropertyModel"/> class.
    /// </summary>
    /// <param name="modelName">The property's name in the data model.</param>
    /// <param name="type">The property's .NET type.</param>
    /// <exception cref="ArgumentException"><paramref name="modelName"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is <see langword="null"/>.</exception>
    protected PropertyModel(string modelName, Type type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(type);
        ModelName = modelName;
        Type = type;
    }

    /// <summary>
    /// Gets or sets the property's name in the data model: the .NET property name, or the dictionary key of a dynamic record.
    /// </summary>
    public string ModelName { get; set; }

    /// <summary>
    /// Gets or sets the property's name in storage; defaults to <see cref="ModelName"/>.
    /// </summary>
    public string StorageName
    {
        get => _storageName ?? ModelName;
        set => _storageName = value;
    }

    /// <summary>
    /// Gets or sets the property's .NET type.
    /// </summary>
    public Type Type { get; set; }

    /// <summary>
    /// Gets or sets the .NET property this model maps; <see langword="null"/> for dynamic records.
    /// </summary>
    public PropertyInfo? PropertyInfo { get; set; }

    /// <summary>
    /// Gets or sets the provider-specific settings copied from the property's definition.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? ProviderAnnotations { get; set; }

    /// <summary>
    /// Gets whether the property can hold <see langword="null"/>: <see cref="Nullable{T}"/> value types, and reference types
    /// unless a .NET property declares them non-nullable.
    /// </summary>
    public bool IsNullable
    {
        get
        {
            if (Type.IsValueType)
            {
                return Nullable.GetUnderlyingType(Type) is not null;
            }

            // NullabilityInfoContext caches internally and is not thread-safe, so use a fresh one.
            return PropertyInfo is not { } info
                || new NullabilityInfoContext().Create(info).ReadState != NullabilityState.NotNull;
        }
    }

    /// <summary>
    /// Reads the property from <paramref name="record"/>. For a dynamic record a missing entry reads as <see langword="null"/>.
    /// </summary>
    /// <param name="record">A record of the model's record type.</param>
    /// <returns>The value, boxed for value types.</returns>
    /// <exception cref="InvalidCastException">A dynamic record holds a value that is not of the property's type.</exception>
    /// <exception cref="InvalidOperationException">The model has not been built yet.</exception>
    public object? GetValueAsObject(object record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var getter = _getter ?? throw new InvalidOperationException(VectorDataStrings.AccessorsNotConfigured(ModelName));
        return getter(record);
    }

    /// <summary>
    /// Writes <paramref name="value"/> into the property of <paramref name="record"/>. <see langword="null"/> writes the type's default.
    /// </summary>
    /// <param name="record">A record of the model's record type.</param>
    /// <param name="value">The value, of the property's type (boxed for value types), or <see langword="null"/>.</param>
    /// <exception cref="InvalidCastException">The value is not of the property's type (on .NET record types).</exception>
    /// <exception cref="InvalidOperationException">The model has not been built yet.</exception>
    public void SetValueAsObject(object record, object? value)
    {
        ArgumentNullException.ThrowIfNull(record);
        var setter = _setter ?? throw new InvalidOperationException(VectorDataStrings.AccessorsNotConfigured(ModelName));
        try
        {
            setter(record, value);
        }
        catch (InvalidCastException) when (value is not null)
        {
            // The compiled delegate's own message names neither the property nor the types.
            throw new InvalidCastException(VectorDataStrings.ValueTypeMismatch(ModelName, value.GetType(), Type));
        }
    }

    /// <summary>
    /// Reads the property from <paramref name="record"/> as <typeparamref name="T"/>.
    /// </summary>
    /// <typeparam name="T">The property's type (or a type its values convert to by a cast).</typeparam>
    /// <param name="record">A record of the model's record type.</param>
    /// <returns>The value, or <c>default</c> when it is <see langword="null"/>.</returns>
    public T? GetValue<T>(object record) => GetValueAsObject(record) is { } value ? (T)value : default;

    /// <summary>
    /// Writes <paramref name="value"/> into the property of <paramref name="record"/>.
    /// </summary>
    /// <typeparam name="T">The property's type.</typeparam>
    /// <param name="record">A record of the model's record type.</param>
    /// <param name="value">The value.</param>
    public void SetValue<T>(object record, T value) => SetValueAsObject(record, value);

    /// <inheritdoc />
    public override string ToString() => $"{ModelName} ({GetType().Name}, {VectorDataStrings.TypeName(Type)})";

    internal void ConfigurePocoAccessors(PropertyInfo propertyInfo)
    {
        PropertyInfo = propertyInfo;
        _getter = PropertyAccessorFactory.CreateGetter(propertyInfo);
        _setter = PropertyAccessorFactory.CreateSetter(propertyInfo);
    }

    internal void ConfigureDynamicAccessors()
    {
        var name = ModelName;
        var valueType = Nullable.GetUnderlyingType(Type) ?? Type;

        _getter = record =>
        {
            var value = ((Dictionary<string, object?>)record).GetValueOrDefault(name);
            return value is null || valueType.IsInstanceOfType(value)
                ? value
                : throw new InvalidCastException(VectorDataStrings.ValueTypeMismatch(name, value.GetType(), valueType));
        };
        _setter = (record, value) => ((Dictionary<string, object?>)record)[name] = value;
    }
}
