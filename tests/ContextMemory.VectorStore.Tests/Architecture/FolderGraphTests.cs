namespace ContextMemory.VectorStore.Tests.Architecture;

/// <summary>The scan behind <see cref="FolderLayeringTests"/>, on small made-up projects.</summary>
public sealed class FolderGraphTests
{
    private static readonly string[] Layers = ["Low", "High"];

    [Fact]
    public void An_upward_reference_is_reported_naming_the_file_and_the_type()
    {
        SourceFile[] files =
        [
            SourceFile.FromText("Low/LowThing.cs", "namespace P.Low;\ninternal sealed class LowThing\n{\n    public HighThing? Up { get; }\n}\n"),
            SourceFile.FromText("High/HighThing.cs", "namespace P.High;\ninternal sealed class HighThing\n{\n    public LowThing? Down { get; }\n}\n"),
        ];

        var violation = Assert.Single(FolderGraph.Violations(files, Layers));

        Assert.StartsWith("Low/LowThing.cs (Low) uses HighThing, declared in High/HighThing.cs (High)", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_between_two_folders_is_reported_whatever_their_order()
    {
        SourceFile[] files =
        [
            SourceFile.FromText("Low/LowThing.cs", "internal sealed class LowThing { HighThing? _up; }"),
            SourceFile.FromText("High/HighThing.cs", "internal sealed class HighThing { LowThing? _down; }"),
        ];

        Assert.NotEmpty(FolderGraph.Violations(files, ["Low", "High"]));
        Assert.NotEmpty(FolderGraph.Violations(files, ["High", "Low"]));
    }

    [Fact]
    public void A_root_type_used_from_a_child_folder_is_a_reference()
    {
        SourceFile[] files =
        [
            SourceFile.FromText("Errors.cs", "namespace P;\ninternal static class Errors;\n"),
            SourceFile.FromText("Low/LowThing.cs", "namespace P.Low;\ninternal static class LowThing { static string M() => Errors.ToString(); }\n"),
        ];

        var reference = Assert.Single(FolderGraph.References(files));

        Assert.Equal(("Low/LowThing.cs", "Errors", ""), (reference.From.Path, reference.TypeName, reference.DeclaredIn.Folder));
    }

    [Fact]
    public void A_folder_missing_from_the_order_is_reported()
    {
        SourceFile[] files = [SourceFile.FromText("Elsewhere/Thing.cs", "internal sealed class Thing;")];

        Assert.Contains("Elsewhere/Thing.cs: folder 'Elsewhere' is not in the layer order", FolderGraph.Violations(files, Layers));
    }

    [Theory]
    [InlineData("// HighThing\n")]
    [InlineData("/* HighThing\n */")]
    [InlineData("/// <see cref=\"HighThing\"/>\n")]
    [InlineData("var s = \"HighThing\";")]
    [InlineData("var s = \"\\\" HighThing\";")]
    [InlineData("var s = @\"\"\" HighThing\";")]
    [InlineData("var s = \"\"\"\n  \" HighThing \"\"\n  \"\"\";")]
    [InlineData("var s = $\"{{HighThing}}\";")]
    [InlineData("var c = '\"'; var s = \"HighThing\";")]
    public void Names_in_comments_and_literals_are_not_references(string code)
    {
        var identifiers = CSharpSource.Identifiers(CSharpSource.StripCommentsAndLiterals(code));

        Assert.DoesNotContain("HighThing", identifiers);
    }

    [Theory]
    [InlineData("var s = $\"a {HighThing.Name} b\";")]
    [InlineData("var s = $@\"a {HighThing.Name} \"\" b\";")]
    [InlineData("var s = $\"a {(x ? \"}\" : HighThing.Name)} b\";")]
    [InlineData("var s = $$\"\"\"{ {{HighThing.Name}} }\"\"\";")]
    [InlineData("var s = \"a\" + HighThing.Name;")]
    public void Names_in_code_and_interpolation_holes_are_references(string code)
    {
        var identifiers = CSharpSource.Identifiers(CSharpSource.StripCommentsAndLiterals(code));

        Assert.Contains("HighThing", identifiers);
    }

    [Fact]
    public void Only_top_level_declarations_declare_a_folder_s_types()
    {
        var code = CSharpSource.StripCommentsAndLiterals(
            "namespace P;\n\ninternal sealed partial class Outer\n{\n    private sealed record Inner(int X);\n}\n\ninternal readonly record struct Pair(int A, int B);\npublic enum Kind { A }\n");

        Assert.Equal(["Outer", "Pair", "Kind"], CSharpSource.DeclaredTypes(code));
    }
}
