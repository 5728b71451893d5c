using System.Reflection;
using VlaRosNode.Messages;

namespace VlaRosNode.Ros2.Tests;

/// <summary>Builds a message of any generated type with every field set to a value derived from a seed: numbers,
/// strings, three-element sequences (one-element ones of messages), fixed arrays at their length, nested messages filled
/// the same way.</summary>
internal static class SampleMessages
{
    public static IRosMessage Create(MessageTypeInfo type, int seed) => (IRosMessage)Fill(type.ClrType, seed);

    private static object Fill(Type type, int seed)
    {
        var message = Activator.CreateInstance(type)!;
        var i = 0;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var value = Value(property.PropertyType, property.GetValue(message), seed * 31 + ++i);
            property.SetValue(message, value);
        }
        return message;
    }

    private static object Value(Type type, object? current, int seed)
    {
        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            // One element in sequences of messages: some are bounded to one (rcl_interfaces/ParameterDescriptor's ranges).
            var length = current is Array { Length: > 0 } fixedArray ? fixedArray.Length : element.IsClass && element != typeof(string) ? 1 : 3;
            var array = Array.CreateInstance(element, length);
            for (var k = 0; k < length; k++)
                array.SetValue(Value(element, null, seed + k), k);
            return array;
        }
        if (type == typeof(string))
            return $"s{seed}";
        if (type == typeof(bool))
            return seed % 2 == 0;
        if (type == typeof(double))
            return seed * 0.25 - 3.5;
        if (type == typeof(float))
            return seed * 0.5f - 1.25f;
        if (type.IsPrimitive)
            return Convert.ChangeType(seed % 100, type);
        return Fill(type, seed);
    }
}
