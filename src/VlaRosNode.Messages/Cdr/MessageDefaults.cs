namespace VlaRosNode.Messages.Cdr;

/// <summary>Initial values for fixed-size array fields, so that no generated property starts out holding null.</summary>
public static class MessageDefaults
{
    public static string[] Strings(int length) => Enumerable.Repeat(string.Empty, length).ToArray();

    public static T[] Structs<T>(int length) where T : new()
    {
        var items = new T[length];
        for (var i = 0; i < length; i++)
            items[i] = new T();
        return items;
    }
}
