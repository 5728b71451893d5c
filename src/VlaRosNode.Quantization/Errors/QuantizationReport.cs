using System.Globalization;
using System.Text;
using System.Text.Json;
using VlaRosNode.Quantization.Package;

namespace VlaRosNode.Quantization.Errors;

/// <summary>The quantiser's output as a console table, a markdown report and JSON (same numbers in each).</summary>
public static class QuantizationReport
{
    public static string Table(IReadOnlyList<VariantFile> files, IReadOnlyList<VariantErrors> errors)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Invariant($"{"graph",-8} {"precision",-9} {"file",-22} {"bytes",10} {"MatMuls",7}  scheme"));
        foreach (var v in files)
            sb.AppendLine(Invariant($"{v.Graph,-8} {v.Precision,-9} {v.File,-22} {v.Bytes,10} {v.MatMuls.Count,7}  {v.Description}"));
        foreach (var e in errors)
        {
            sb.AppendLine();
            sb.AppendLine(Invariant($"{e.Graph} {e.Precision}: action logits relative error {e.LogitRelativeError:F4}, max |error| {e.MaxLogitError:F3}, argmax kept {e.ArgmaxAgreed}/{e.ArgmaxTotal}"));
            sb.AppendLine(Invariant($"  {"MatMul",-36} {"K x N",-11} {"rel. error",10}"));
            foreach (var l in e.Layers)
                sb.AppendLine(Invariant($"  {l.Node,-36} {l.K + " x " + l.N,-11} {l.RelativeError,10:F4}"));
        }
        return sb.ToString();
    }

    public static string Markdown(string package, string observations, IReadOnlyList<VariantFile> files, IReadOnlyList<VariantErrors> errors)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# vla model quantize");
        sb.AppendLine();
        sb.AppendLine(Invariant($"- package: {package}"));
        sb.AppendLine(Invariant($"- observations: {observations}"));
        sb.AppendLine("- errors are against the fp32 graph on the same inputs: relative L2 (sqrt(sum d^2 / sum fp32^2)) over every");
        sb.AppendLine("  position of every observation for MatMul outputs; over the action positions for logits");
        sb.AppendLine();
        sb.AppendLine("| graph | precision | file | bytes | MatMuls | scheme |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var v in files)
            sb.AppendLine(Invariant($"| {v.Graph} | {v.Precision} | {v.File} | {v.Bytes} | {v.MatMuls.Count} | {v.Description} |"));
        sb.AppendLine();
        sb.AppendLine("| graph | precision | action logits rel. error | max abs logit error | argmax kept |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var e in errors)
            sb.AppendLine(Invariant($"| {e.Graph} | {e.Precision} | {e.LogitRelativeError:F4} | {e.MaxLogitError:F3} | {e.ArgmaxAgreed}/{e.ArgmaxTotal} |"));
        foreach (var e in errors)
        {
            sb.AppendLine();
            sb.AppendLine(Invariant($"## {e.Graph} {e.Precision}: per MatMul"));
            sb.AppendLine();
            sb.AppendLine("| MatMul | K x N | rel. error |");
            sb.AppendLine("|---|---|---|");
            foreach (var l in e.Layers)
                sb.AppendLine(Invariant($"| {l.Node} | {l.K} x {l.N} | {l.RelativeError:F4} |"));
        }
        return sb.ToString();
    }

    public static string Json(string package, string observations, IReadOnlyList<VariantFile> files, IReadOnlyList<VariantErrors> errors) =>
        JsonSerializer.Serialize(new { package, observations, variants = files, errors },
            new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
