using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace ContextMemory.Faiss.Tests;

/// <summary>
/// The public surface is frozen in PublicApi.approved.txt: a change to it must be deliberate, made by
/// updating that file (the failing test writes PublicApi.received.txt next to it to copy from).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_listing()
    {
        string directory = SourceDirectory();
        string approvedPath = Path.Combine(directory, "PublicApi.approved.txt");
        string actual = Describe(typeof(FaissIndex).Assembly);
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved != actual)
        {
            File.WriteAllText(Path.Combine(directory, "PublicApi.received.txt"), actual);
        }

        Assert.Equal(approved, actual);
    }

    internal static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (Type type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(type.FullName);
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
            {
                text.Append(" : ").Append(Name(baseType));
            }

            text.Append('\n');
            foreach (string member in Members(type).Order(StringComparer.Ordinal))
            {
                text.Append("    ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Members(Type type)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.IsEnum)
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        foreach (ConstructorInfo constructor in type.GetConstructors(Flags))
        {
            yield return $"ctor({Parameters(constructor)})";
        }

        foreach (FieldInfo field in type.GetFields(Flags))
        {
            yield return $"{(field.IsLiteral ? "const " : field.IsStatic ? "static " : string.Empty)}{Name(field.FieldType)} {field.Name}";
        }

        foreach (PropertyInfo property in type.GetProperties(Flags))
        {
            MethodInfo? getter = property.GetMethod is { IsPublic: true } g ? g : null;
            MethodInfo? setter = property.SetMethod is { IsPublic: true } s ? s : null;
            string accessors = (getter is null ? string.Empty : "get; ") + (setter is null ? string.Empty : (setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m == typeof(IsExternalInit)) ? "init; " : "set; "));
            yield return $"{((getter ?? setter)!.IsStatic ? "static " : string.Empty)}{Name(property.PropertyType)} {property.Name} {{ {accessors}}}";
        }

        foreach (MethodInfo method in type.GetMethods(Flags).Where(m => !m.IsSpecialName))
        {
            if (type.IsValueType && method.GetCustomAttribute<CompilerGeneratedAttribute>() is not null)
            {
                continue; // record struct plumbing (equality, PrintMembers, Deconstruct-less helpers)
            }

            yield return $"{(method.IsStatic ? "static " : string.Empty)}{Name(method.ReturnType)} {method.Name}({Parameters(method)})";
        }
    }

    private static string Parameters(MethodBase method) => string.Join(", ", method.GetParameters().Select(p =>
        (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty) + Name(p.ParameterType) + " " + p.Name + (p.HasDefaultValue ? " = " + (p.DefaultValue ?? "default") : string.Empty)));

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (type.IsGenericType)
        {
            string name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
        }

        return type.Namespace == "System" || type.Namespace == typeof(FaissIndex).Namespace ? type.Name : type.FullName ?? type.Name;
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
