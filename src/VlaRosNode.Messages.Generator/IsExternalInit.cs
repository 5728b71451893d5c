namespace System.Runtime.CompilerServices;

/// <summary>Lets records compile for netstandard2.0, which Roslyn generators target.</summary>
internal static class IsExternalInit;
