using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace ContextMemory.Tests.Shared;

/// <summary>
/// Freezes a public API: lists every public type and member of an assembly and compares the listing with the
/// approved one checked in next to the test; a mismatch writes the received listing beside it to copy from.
/// </summary>
internal static class PublicApiListing
{
    /// <summary>Asserts that <paramref name="assembly"/>'s public API equals <c>PublicApi.approved.txt</c> in the test project's folder.</summary>
    public static void AssertMatchesApproved(Assembly assembly)
    {
        var directory = ProjectDirectory();
        var approvedPath = Path.Combine(directory, "PublicApi.approved.txt");
        var actual = Describe(assembly);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved != actual)
        {
            File.WriteAllText(Path.Combine(directory, "PublicApi.received.txt"), actual);
        }

        Assert.Equal(approved, actual);
    }

    // The test project's folder, recorded at build time by tests/Directory.Build.props.
    private static string ProjectDirectory()
    {
        var directory = typeof(PublicApiListing).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value;
        Assert.True(Directory.Exists(directory), $"The test project folder '{directory}' recorded at build time does not exist.");
        return directory!;
    }

    /// <summary>A stable text listing of every public type and member of <paramref name="assembly"/>.</summary>
    public static string Describe(Assembly assembly)
    {
        var home = assembly.GetName().Name;
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(type.FullName);
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
            {
                text.Append(" : ").Append(Name(home, baseType));
            }

            text.Append('\n');
            foreach (var member in Members(type, home).Order(StringComparer.Ordinal))
            {
                text.Append("    ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Members(Type type, string? home)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        foreach (var constructor in type.GetConstructors(Flags))
        {
            yield return $"ctor({Parameters(home, constructor)})";
        }

        foreach (var field in type.GetFields(Flags))
        {
            yield return $"{(field.IsLiteral ? "const " : field.IsStatic ? "static " : string.Empty)}{Name(home, field.FieldType)} {field.Name}";
        }

        foreach (var property in type.GetProperties(Flags))
        {
            var getter = property.GetMethod is { IsPublic: true } g ? g : null;
            var setter = property.SetMethod is { IsPublic: true } s ? s : null;
            var accessors = (getter is null ? string.Empty : "get; ") + (setter is null ? string.Empty : (setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m == typeof(IsExternalInit)) ? "init; " : "set; "));
            yield return $"{((getter ?? setter)!.IsStatic ? "static " : string.Empty)}{Name(home, property.PropertyType)} {property.Name} {{ {accessors}}}";
        }

        foreach (var method in type.GetMethods(Flags).Where(m => !m.IsSpecialName))
        {
            if (type.IsValueType && method.GetCustomAttribute<CompilerGeneratedAttribute>() is not null)
            {
                continue; // record struct plumbing (equality, PrintMembers, Deconstruct-less helpers)
            }

            yield return $"{(method.IsStatic ? "static " : string.Empty)}{Name(home, method.ReturnType)} {method.Name}({Parameters(home, method)})";
        }
    }

    private static string Parameters(string? home, MethodBase method) => string.Join(", ", method.GetParameters().Select(p =>
        (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty) + Name(home, p.ParameterType) + " " + p.Name + (p.HasDefaultValue ? " = " + (p.DefaultValue ?? "default") : string.Empty)));

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";

    private static string Name(string? home, Type type)
    {
        if (type.IsByRef)
        {
            return Name(home, type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(home, type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(home, underlying) + "?";
        }

        if (type.IsGenericType)
        {
            // Nested types of generic types are generic without a backtick in their own name.
            var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
            var name = tick < 0 ? type.Name : type.Name[..tick];
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(t => Name(home, t)))}>";
        }

        return type.Namespace == "System" || (home is not null && type.Namespace?.StartsWith(home, StringComparison.Ordinal) == true) || type.IsGenericParameter
            ? type.Name
            : type.FullName ?? type.Name;
    }

}
