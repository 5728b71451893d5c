using System;

namespace VlaRosNode.Messages.Generator;

/// <summary>The C# statements for one field in each generated member: property, size, write, read, echo, values.</summary>
internal sealed class FieldCode
{
    private enum Element { Numeric, Bool, String, Struct }

    private readonly MsgField _field;
    private readonly Element _element;
    private readonly string _clr;      // element type: "double", "string", "global::...Header"
    private readonly string _prop;
    private readonly string _name;     // ROS field name, used in error messages and YAML keys
    private readonly string _count;    // bound passed to count checks: "0" = unbounded
    private readonly string _bytes;    // string bound: "0" = unbounded

    public FieldCode(MsgField field, string className, MsgSpec? nested)
    {
        _field = field;
        var baseType = field.Type.BaseType;
        _element = nested != null ? Element.Struct
            : baseType == "string" ? Element.String
            : baseType == "bool" ? Element.Bool
            : Element.Numeric;
        _clr = nested != null ? Naming.ClassReference(nested) : Primitives.ClrName(baseType);
        _prop = Naming.Property(field.Name, className);
        _name = field.Name;
        _count = field.Type.Array == ArrayKind.Bounded ? field.Type.ArrayLength.ToString() : "0";
        _bytes = field.Type.StringBound.ToString();
    }

    private FieldType Type => _field.Type;
    private int Fixed => Type.ArrayLength;
    private string Quoted => "\"" + _name + "\"";

    public string Property()
    {
        var type = Type.IsArray ? _clr + "[]" : _clr;
        return $"    public {type} {_prop} {{ get; set; }} = {Initializer()};";
    }

    private string Initializer()
    {
        var defaultValue = _field.DefaultValue;
        if (Type.IsArray)
        {
            if (defaultValue != null && _element != Element.Struct)
                return Literals.Array(Type.BaseType, defaultValue);
            if (Type.Array != ArrayKind.Fixed)
                return "[]";
            return _element switch
            {
                Element.String => $"MessageDefaults.Strings({Fixed})",
                Element.Struct => $"MessageDefaults.Structs<{_clr}>({Fixed})",
                _ => $"new {_clr}[{Fixed}]",
            };
        }
        if (defaultValue != null && _element != Element.Struct)
            return Literals.Scalar(Type.BaseType, defaultValue);
        return _element switch
        {
            Element.String => "\"\"",
            Element.Struct => "new()",
            _ => "default",
        };
    }

    public string Measure()
    {
        if (!Type.IsArray)
        {
            return _element switch
            {
                Element.String => $"o = CdrSize.String(o, {_prop});",
                Element.Struct => $"o = {_prop}.MeasureBody(o);",
                Element.Bool => "o = CdrSize.Primitive<byte>(o);",
                _ => $"o = CdrSize.Primitive<{_clr}>(o);",
            };
        }
        var counted = Type.Array != ArrayKind.Fixed;
        var start = counted ? "CdrSize.Primitive<uint>(o)" : "o";
        return _element switch
        {
            Element.String => $"o = CdrSize.Strings({start}, {_prop});",
            Element.Struct => $"o = {start}; foreach (var e in {_prop}) o = e.MeasureBody(o);",
            Element.Bool => $"o = CdrSize.Block<byte>({start}, {_prop}.Length);",
            _ => $"o = CdrSize.Block<{_clr}>({start}, {_prop}.Length);",
        };
    }

    public string Write()
    {
        if (!Type.IsArray)
        {
            return _element switch
            {
                Element.String => $"w.WriteString({_prop}, {Quoted}, {_bytes});",
                Element.Struct => $"{_prop}.WriteBody(ref w);",
                Element.Bool => $"w.WriteBool({_prop});",
                _ => $"w.Write<{_clr}>({_prop});",
            };
        }
        var prefix = Type.Array == ArrayKind.Fixed
            ? $"CdrWriter.CheckFixedLength({_prop}.Length, {Fixed}, {Quoted}); "
            : $"w.WriteCount({_prop}.Length, {Quoted}, {_count}); ";
        return prefix + _element switch
        {
            Element.String => $"foreach (var e in {_prop}) w.WriteString(e, {Quoted}, {_bytes});",
            Element.Struct => $"foreach (var e in {_prop}) e.WriteBody(ref w);",
            Element.Bool => $"w.WriteBoolBlock({_prop});",
            _ => $"w.WriteBlock<{_clr}>({_prop});",
        };
    }

    /// <summary>Reads into <c>m</c>, reusing the arrays, strings and nested messages it already holds where they fit.</summary>
    public string Read()
    {
        var target = "m." + _prop;
        if (!Type.IsArray)
        {
            return _element switch
            {
                Element.String => $"{target} = r.ReadString({Quoted}, {_bytes}, {target});",
                Element.Struct => $"try {{ {target} = {_clr}.ReadBody(ref r, {target}); }} catch (CdrException e) {{ throw e.Within({Quoted}); }}",
                Element.Bool => $"{target} = r.ReadBool({Quoted});",
                _ => $"{target} = r.Read<{_clr}>({Quoted});",
            };
        }
        var isFixed = Type.Array == ArrayKind.Fixed;
        switch (_element)
        {
            case Element.String:
                return isFixed
                    ? $"{target} = r.ReadStringBlock({Quoted}, {Fixed}, {_bytes}, {target});"
                    : $"{target} = r.ReadStringSequence({Quoted}, {_count}, {_bytes}, {target});";
            case Element.Bool:
                return isFixed
                    ? $"{target} = r.ReadBoolBlock({Quoted}, {Fixed}, {target});"
                    : $"{target} = r.ReadBoolSequence({Quoted}, {_count}, {target});";
            case Element.Numeric:
                return isFixed
                    ? $"{target} = r.ReadBlock<{_clr}>({Quoted}, {Fixed}, {target});"
                    : $"{target} = r.ReadSequence<{_clr}>({Quoted}, {_count}, {target});";
            default:
                var count = isFixed ? Fixed.ToString() : $"r.ReadCount({Quoted}, 1, {_count})";
                return $"{{ var n = {count}; var a = {target}.Length == n ? {target} : new {_clr}[n]; " +
                       $"for (var i = 0; i < n; i++) {{ try {{ a[i] = {_clr}.ReadBody(ref r, a[i] ?? new()); }} catch (CdrException e) {{ throw e.Within({Quoted}, i); }} }} " +
                       $"{target} = a; }}";
        }
    }

    public string Yaml()
    {
        if (_element == Element.Struct)
            return Type.IsArray ? $"y.Structs({Quoted}, {_prop});" : $"y.Struct({Quoted}, {_prop});";
        return $"y.Field({Quoted}, {_prop});";
    }

    public string FromValues()
    {
        var read = _element != Element.Struct
            ? $"m.{_prop} = v.Get({Quoted}, m.{_prop});"
            : Type.IsArray
                ? $"m.{_prop} = v.GetStructs({Quoted}, m.{_prop}, {_clr}.FromValues);"
                : $"if (v.TryGet({Quoted}, out var c_{_name})) m.{_prop} = {_clr}.FromValues(c_{_name});";
        return Type.Array switch
        {
            ArrayKind.Fixed => read + $" v.CheckLength({Quoted}, m.{_prop}.Length, {Fixed}, exact: true);",
            ArrayKind.Bounded => read + $" v.CheckLength({Quoted}, m.{_prop}.Length, {Fixed}, exact: false);",
            _ => read,
        };
    }

    public static string Constant(MsgConstant constant) =>
        $"    public const {Primitives.ClrName(constant.Type)} {constant.Name} = {Literals.Scalar(constant.Type, constant.Value)};";

    public static void Validate(MsgField field)
    {
        if (Primitives.IsUnsupported(field.Type.BaseType))
            throw new FormatException($"field '{field.Name}': type {field.Type.BaseType} is not supported");
    }
}
