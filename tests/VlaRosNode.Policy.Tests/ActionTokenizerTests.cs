using VlaRosNode.Policy.Actions;

namespace VlaRosNode.Policy.Tests;

/// <summary>OpenVLA's rule on Llama's layout (vocab 32000, ids 31744..31999), cases computed by hand:
/// edges e_i = -1 + 2i/255, centres c_i = -1 + (2i + 1)/255.</summary>
public class ActionTokenizerTests
{
    private readonly ActionTokenizer _tokenizer = new(32000);

    [TestCase(1.0, 31744)]            // digitize = 256 (every edge <= 1)
    [TestCase(-1.0, 31999)]           // only e_0 = -1 <= -1
    [TestCase(0.0, 31872)]            // e_0..e_127 <= 0 (e_127 = -1/255), count 128
    [TestCase(0.5, 31808)]            // i <= 191.25 -> count 192
    [TestCase(2.5, 31744)]            // clipped to 1
    [TestCase(-7.0, 31999)]           // clipped to -1
    [TestCase(-1.0 + 2.0 / 255, 31998)] // exactly on e_1: numpy.digitize counts it (right=False)
    public void Encode_matches_openvla(double value, int token) => Assert.That(_tokenizer.Encode(value), Is.EqualTo(token));

    [TestCase(31744, 1.0 - 1.0 / 255)]  // index 255 clipped to 254: c_254
    [TestCase(31745, 1.0 - 1.0 / 255)]  // index 254: c_254
    [TestCase(31999, -1.0 + 1.0 / 255)] // index 0: c_0
    [TestCase(31872, 0.0)]              // index 127: c_127 = -1 + 255/255
    [TestCase(31808, 128.0 / 255)]      // index 191: c_191 = -1 + 383/255
    [TestCase(5, 1.0 - 1.0 / 255)]      // a non-action id clips to the top bin, as OpenVLA does
    public void Bin_centre_matches_openvla(int token, double centre) =>
        Assert.That(_tokenizer.BinCentre(token), Is.EqualTo(centre).Within(1e-12));

    [Test]
    public void Decode_unnormalises_masked_dimensions_with_q01_q99()
    {
        var stats = new ActionStatistics([-0.1f, 0f], [0.3f, 2f], [true, false]);
        var action = new float[2];
        _tokenizer.Decode([31808, 31808], stats, action);
        // 0.5 (128/255 + 1)(0.3 + 0.1) - 0.1 = 0.2 * 383/255 - 0.1; the gripper (mask false) stays at the centre.
        Assert.That(action[0], Is.EqualTo(0.2 * 383 / 255 - 0.1).Within(1e-6));
        Assert.That(action[1], Is.EqualTo(128.0 / 255).Within(1e-6));
    }

    [Test]
    public void Encode_then_decode_lands_within_half_a_bin()
    {
        var rng = new Random(3);
        for (var i = 0; i < 1000; i++)
        {
            var a = rng.NextDouble() * 2 - 1;
            Assert.That(_tokenizer.BinCentre(_tokenizer.Encode(a)), Is.EqualTo(a).Within(1.0 / 255 + 1e-12));
        }
    }

    [Test]
    public void Ids_are_the_last_256_of_the_vocabulary()
    {
        Assert.That(_tokenizer.FirstActionId, Is.EqualTo(31744));
        Assert.That(_tokenizer.IsActionToken(31743), Is.False);
        Assert.That(_tokenizer.IsActionToken(31999), Is.True);
        Assert.That(() => _tokenizer.Encode(double.NaN), Throws.ArgumentException);
    }
}
