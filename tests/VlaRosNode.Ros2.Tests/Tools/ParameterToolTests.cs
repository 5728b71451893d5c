using VlaRosNode.Ros2.Parameters;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Ros2.Tests.Tools;

/// <summary>`vla param get` prints values as `ros2 param get` does, which prints Python values.</summary>
public sealed class ParameterToolTests
{
    [TestCase(0.5, "0.5")]
    [TestCase(1.0, "1.0")]
    [TestCase(-2.0, "-2.0")]
    [TestCase(0.1, "0.1")]
    [TestCase(1e-5, "1e-05")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(1.5e16, "1.5e+16")]
    [TestCase(1e15, "1000000000000000.0")]
    [TestCase(123456.789, "123456.789")]
    [TestCase(2.5e-300, "2.5e-300")]
    [TestCase(double.PositiveInfinity, "inf")]
    [TestCase(double.NaN, "nan")]
    public void FloatsAreWrittenAsPythonsRepr(double value, string python) =>
        Assert.That(PythonRepr.Float(value), Is.EqualTo(python));

    [Test]
    public void EachTypeHasRos2ParamsWording()
    {
        string Line(object value) => ParameterTool.Describe(ParameterMessages.ToMessage(ParameterValue.From(value)));
        Assert.Multiple(() =>
        {
            Assert.That(Line(true), Is.EqualTo("Boolean value is: True"));
            Assert.That(Line(-3L), Is.EqualTo("Integer value is: -3"));
            Assert.That(Line(2.0), Is.EqualTo("Double value is: 2.0"));
            Assert.That(Line("it's"), Is.EqualTo("String value is: it's"));
            Assert.That(Line(new byte[] { 1, 255 }), Is.EqualTo("Byte values are: [b'\\x01', b'\\xff']"));
            Assert.That(Line(new[] { true, false }), Is.EqualTo("Boolean values are: [True, False]"));
            Assert.That(Line(new[] { 1L, 2L }), Is.EqualTo("Integer values are: array('q', [1, 2])"));
            Assert.That(Line(new[] { 1.0, 0.25 }), Is.EqualTo("Double values are: array('d', [1.0, 0.25])"));
            Assert.That(Line(new[] { "a", "it's" }), Is.EqualTo("String values are: ['a', 'it\\'s']"));
            Assert.That(ParameterTool.Describe(new Messages.RclInterfaces.ParameterValue()), Is.EqualTo("Parameter not set."));
        });
    }

    [Test]
    public void AValueOfUnknownTypeFromTheWireIsATypedError()
    {
        var error = Assert.Throws<ParameterException>(() => ParameterMessages.FromMessage(new Messages.RclInterfaces.ParameterValue { Type = 42 }));
        Assert.That(error!.Message, Does.Contain("unknown type 42"));
    }
}
