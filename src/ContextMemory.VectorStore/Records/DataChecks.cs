using System.Collections;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore.Records;

/// <summary>
/// Validation of floating-point data values before anything is written: SQLite cannot store NaN (it would read back as
/// NULL), and tag lists are stored as JSON, which has no NaN or infinity.
/// </summary>
internal static class DataChecks
{
    /// <summary>The data properties whose values need checking (float or double, scalar or tag elements).</summary>
    public static DataPropertyModel[] FloatingPointProperties(RecordModel model) =>
        [.. model.Data.Where(p => IsFloatingPoint(Nullable.GetUnderlyingType(p.Type) ?? p.Type)
            || (SqliteValueConverter.TryGetElementType(p.Type, out var element) && IsFloatingPoint(element)))];

    /// <summary>Throws <see cref="ArgumentException"/> when a value of <paramref name="properties"/> in <paramref name="record"/> cannot be stored.</summary>
    public static void Validate(RecordModel model, object record, IReadOnlyList<DataPropertyModel> properties, int recordIndex)
    {
        foreach (var property in properties)
        {
            switch (model.GetValue(property, record))
            {
                case double d when double.IsNaN(d):
                case float f when float.IsNaN(f):
                    throw new ArgumentException(VectorStoreErrors.NaNDataValue(property.ModelName, recordIndex));
                case IEnumerable elements when elements.Cast<object?>().Any(e => e is double d && !double.IsFinite(d) || e is float f && !float.IsFinite(f)):
                    throw new ArgumentException(VectorStoreErrors.NonFiniteTagElement(property.ModelName, recordIndex));
            }
        }
    }

    private static bool IsFloatingPoint(Type type) => type == typeof(double) || type == typeof(float);
}
