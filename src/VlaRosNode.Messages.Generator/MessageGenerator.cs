using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace VlaRosNode.Messages.Generator;

/// <summary>Generates one C# class per <c>&lt;pkg&gt;/msg/&lt;Name&gt;.msg</c> AdditionalFile and two per
/// <c>&lt;pkg&gt;/srv/&lt;Name&gt;.srv</c> (<c>Name_Request</c>, <c>Name_Response</c>), plus the registry of them all.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class MessageGenerator : IIncrementalGenerator
{
    private static readonly DiagnosticDescriptor BadMessage = new(
        "VLAMSG001", "Invalid .msg definition", "{0}", "VlaRosNode.Messages", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(file => file.Path.EndsWith(".msg", StringComparison.OrdinalIgnoreCase) || file.Path.EndsWith(".srv", StringComparison.OrdinalIgnoreCase))
            .Select((file, cancel) => (file.Path, Text: file.GetText(cancel)?.ToString() ?? ""))
            .Collect();
        context.RegisterSourceOutput(files, Generate);
    }

    private static void Generate(SourceProductionContext context, ImmutableArray<(string Path, string Text)> files)
    {
        var specs = new Dictionary<string, MsgSpec>();
        foreach (var (path, text) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var kind = Path.GetExtension(path).Substring(1).ToLowerInvariant();
            var kindDir = Path.GetDirectoryName(path) ?? "";
            var package = Path.GetFileName(Path.GetDirectoryName(kindDir) ?? "");
            if (Path.GetFileName(kindDir) != kind || package.Length == 0)
            {
                Report(context, $"{path}: an interface file must live at <package>/{kind}/<Name>.{kind}");
                continue;
            }
            try
            {
                var parsed = kind == "srv" ? ServiceParser.Parse(package, name, text) : new[] { MsgParser.Parse(package, name, text) };
                foreach (var spec in parsed)
                    specs[spec.FullName] = spec;
            }
            catch (FormatException e)
            {
                Report(context, e.Message);
            }
        }

        var generated = new List<MsgSpec>();
        foreach (var spec in specs.Values.OrderBy(s => s.FullName, StringComparer.Ordinal))
        {
            try
            {
                var nested = spec.Fields.Select(f => TypeResolver.Resolve(f, spec, specs)).ToList();
                var schema = TypeResolver.Schema(spec, specs);
                context.AddSource($"{spec.Package}.{spec.Name}.g.cs", SourceText.From(MessageEmitter.Emit(spec, nested, schema, TypeHash.Compute(spec, specs)), Encoding.UTF8));
                generated.Add(spec);
            }
            catch (FormatException e)
            {
                Report(context, $"{spec.FullName}: {e.Message}");
            }
        }
        context.AddSource("MessageRegistry.g.cs", SourceText.From(RegistryEmitter.Emit(generated), Encoding.UTF8));
    }

    private static void Report(SourceProductionContext context, string message) =>
        context.ReportDiagnostic(Diagnostic.Create(BadMessage, Location.None, message));
}
