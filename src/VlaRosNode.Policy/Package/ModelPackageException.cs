namespace VlaRosNode.Policy.Package;

/// <summary>
/// The one error a model package fails to load with: names the package, where the problem is (a manifest
/// field such as <c>decoder.cache.heads</c>, a file, or a graph input) and what is wrong.
/// </summary>
public sealed class ModelPackageException : Exception
{
    public ModelPackageException(string package, string where, string problem, Exception? inner = null)
        : base($"model package '{package}': {where}: {problem}", inner)
    {
        Package = package;
        Where = where;
        Problem = problem;
    }

    public string Package { get; }
    public string Where { get; }
    public string Problem { get; }
}
