using VlaRosNode.Kinematics.Features;
using VlaRosNode.Kinematics.Geometry;

namespace VlaRosNode.Kinematics.Tests;

public class FeatureTests
{
    private const double Dt = 0.05; // 20 Hz control

    /// <summary>Points on a circle of radius r in a tilted plane, advancing <paramref name="step"/> rad per sample.</summary>
    private static PoseHistory Circle(double radius, double step, int samples)
    {
        var tilt = Rotation3d.FromRpy(0.4, -0.7, 1.1);
        var centre = new Vector3d(0.4, -0.1, 0.3);
        var history = new PoseHistory(32);
        for (var i = 0; i < samples; i++)
        {
            var local = new Vector3d(radius * Math.Cos(i * step), radius * Math.Sin(i * step), 0);
            history.Add(i * Dt, Pose3d.Translation(centre + tilt * local));
        }
        return history;
    }

    private static PoseHistory Line(double step, int samples, double noise = 0, int seed = 1)
    {
        var random = new Random(seed);
        var direction = new Vector3d(1, 2, -0.5).Normalized();
        var history = new PoseHistory(32);
        for (var i = 0; i < samples; i++)
        {
            var jitter = new Vector3d(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5) * noise;
            history.Add(i * Dt, Pose3d.Translation(direction * (step * i) + jitter));
        }
        return history;
    }

    [TestCase(0.01, 0.2, 5)]
    [TestCase(0.05, 0.05, 5)]
    [TestCase(0.3, 0.02, 15)]
    [TestCase(0.3, 0.3, 15)]
    public void CircleOfRadiusRGivesR(double radius, double step, int window)
    {
        var history = Circle(radius, step, 20);
        Assert.That(KinematicFeatures.CurvatureRadius(history, window), Is.EqualTo(radius).Within(1e-9 * Math.Max(1, 1 / (step * step))));
    }

    [Test]
    public void NoisyArcsFitTheSameCircleAsMathNetsEigenDecompositionAndSolver()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var history = Circle(0.02 + 0.5 * random.NextDouble(), 0.01 + 0.3 * random.NextDouble(), 20);
            var noisy = new PoseHistory(32);
            for (var i = 0; i < history.Count; i++)
            {
                var jitter = new Vector3d(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5) * 2e-3;
                noisy.Add(i * Dt, Pose3d.Translation(history.Latest(history.Count).Position(i) + jitter));
            }
            var window = noisy.Latest(5 + trial % 11);
            var expected = MathNetCircleRadius(window);
            Assert.That(CircleFit.Radius(window), Is.EqualTo(expected).Within(1e-9 * expected), $"trial {trial}");
        }
    }

    [Test]
    public void CircleFitAllocatesNothing()
    {
        var window = Circle(0.1, 0.1, 20).Latest(15);
        CircleFit.Radius(window);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
            CircleFit.Radius(window);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    /// <summary>The same fit with MathNet's eigen decomposition and LU solve: the reference for ours.</summary>
    private static double MathNetCircleRadius(PoseWindow window)
    {
        var points = Enumerable.Range(0, window.Length).Select(window.Position).ToArray();
        var mean = points.Aggregate(Vector3d.Zero, (a, p) => a + p) / points.Length;
        var centred = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowArrays(
            points.Select(p => new[] { p.X - mean.X, p.Y - mean.Y, p.Z - mean.Z }));
        var evd = (centred.Transpose() * centred).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var plane = centred * evd.EigenVectors.SubMatrix(0, 3, 1, 2); // columns: second, largest principal direction
        var design = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(points.Length, 3, (i, k) => k == 0 ? plane[i, 1] : k == 1 ? plane[i, 0] : 1);
        var rhs = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(points.Length, i => -(plane[i, 0] * plane[i, 0] + plane[i, 1] * plane[i, 1]));
        var s = (design.Transpose() * design).Solve(design.Transpose() * rhs);
        return Math.Sqrt((s[0] * s[0] + s[1] * s[1]) / 4 - s[2]);
    }

    [Test]
    public void StraightLineGivesAnInfiniteOrVeryLargeRadius()
    {
        Assert.That(KinematicFeatures.CurvatureRadius(Line(0.01, 10), 5), Is.EqualTo(double.PositiveInfinity));
        // Sensor-level noise (0.1 um on 1 cm steps) bends the path only slightly.
        Assert.That(KinematicFeatures.CurvatureRadius(Line(0.01, 10, noise: 1e-7), 5), Is.GreaterThan(10));
        Assert.That(KinematicFeatures.CurvatureRadius(Line(0, 10), 5), Is.EqualTo(double.PositiveInfinity), "a still arm");
    }

    [Test]
    public void DisplacementAndSpeedOnACircleAreTheChordSums()
    {
        const double r = 0.1, step = 0.1;
        var history = Circle(r, step, 12);
        var chord = 2 * r * Math.Sin(step / 2);
        Assert.That(KinematicFeatures.Displacement(history, 5), Is.EqualTo(4 * chord).Within(1e-12));
        Assert.That(KinematicFeatures.Displacement(history, 12), Is.EqualTo(11 * chord).Within(1e-12));
        Assert.That(KinematicFeatures.Speed(history, 7), Is.EqualTo(chord / Dt).Within(1e-10));
    }

    [Test]
    public void MotionFinenessIsTheInverseStepLength()
    {
        Assert.That(KinematicFeatures.MotionFineness(Line(0.004, 12), 10), Is.EqualTo(250).Within(1e-9));
        Assert.That(KinematicFeatures.MotionFineness(Line(0, 12), 10, minTranslation: 1e-5), Is.EqualTo(1e5).Within(1e-6));
        Assert.That(KinematicFeatures.MotionFineness(Line(0.001, 12), 10), Is.GreaterThan(KinematicFeatures.MotionFineness(Line(0.01, 12), 10)),
            "finer motion scores higher");
    }

    [Test]
    public void AngularJerkOfACubicRotationIsSixTimesItsCoefficient()
    {
        // theta(t) = c t^3 about a fixed axis: jerk = 6c; the divided differences of a cubic are exact.
        const double c = 2.5;
        var axis = new Vector3d(0.3, -0.2, 0.9).Normalized();
        var history = new PoseHistory(16);
        for (var i = 0; i < 10; i++)
        {
            var t = 0.1 + i * Dt;
            history.Add(t, new Pose3d(Rotation3d.FromAxisAngle(axis, c * t * t * t), Vector3d.Zero));
        }
        Assert.That(KinematicFeatures.AngularJerk(history, 5), Is.EqualTo(6 * c).Within(1e-6));
        Assert.That(KinematicFeatures.AngularJerk(history, 10), Is.EqualTo(6 * c).Within(1e-6));
    }

    [Test]
    public void SteadyRotationHasNoJerk()
    {
        var history = new PoseHistory(8);
        for (var i = 0; i < 8; i++)
            history.Add(i * Dt, new Pose3d(Rotation3d.FromRpy(0.3 * i, 0, 0), new Vector3d(i, 0, 0)));
        Assert.That(KinematicFeatures.AngularJerk(history, 6), Is.EqualTo(0).Within(1e-9));
    }

    [Test]
    public void FusedMetricPicksRetrievalForFastStraightMotionAndTheDrafterForSlowTightMotion()
    {
        var options = new FusedMetricOptions();
        Assert.That(FusedKinematicMetric.TryCompute(Line(0.02, 4), options, out _), Is.False, "fewer samples than the window");

        Assert.That(FusedKinematicMetric.TryCompute(Line(0.02, 8), options, out var straight), Is.True);
        Assert.That(straight, Is.EqualTo(0.5 + 0.5 * (4 * 0.02 - 9e-6) / (0.139 - 9e-6)).Within(1e-9));
        Assert.That(FusedKinematicMetric.FavoursRetrieval(straight, options), Is.True);

        Assert.That(FusedKinematicMetric.TryCompute(Circle(0.002, 0.3, 8), options, out var fine), Is.True);
        Assert.That(FusedKinematicMetric.FavoursRetrieval(fine, options), Is.False, $"F = {fine}");
    }

    [Test]
    public void NormalisationClipsAndCalibrationUsesThePercentile()
    {
        Assert.That(FusedKinematicMetric.Normalize(double.PositiveInfinity, 0, 1), Is.EqualTo(1));
        Assert.That(FusedKinematicMetric.Normalize(-3, 0, 1), Is.EqualTo(0));
        Assert.That(FusedKinematicMetric.Normalize(0.25, 0, 0.5), Is.EqualTo(0.5));
        Assert.Throws<ArgumentException>(() => FusedKinematicMetric.Normalize(1, 2, 2));

        var radii = Enumerable.Range(1, 100).Select(i => i * 0.001).Append(double.PositiveInfinity);
        var displacements = Enumerable.Range(0, 101).Select(i => i * 0.01);
        var calibrated = new FusedMetricOptions().Calibrate(radii, displacements);
        Assert.That(calibrated.RadiusMin, Is.EqualTo(0.001));
        Assert.That(calibrated.RadiusMax, Is.EqualTo(0.095).Within(0.001));
        Assert.That(calibrated.DisplacementMax, Is.EqualTo(0.95).Within(0.01));
        Assert.That(calibrated.Alpha, Is.EqualTo(0.5), "other settings are kept");
    }

    [Test]
    public void SamplesTakeOneWindowPerStepAndSplitStepsByTheRangesGiven()
    {
        var samples = new FusedMetricSamples(window: 5);
        var growing = new PoseHistory(32);
        var line = Line(0.02, 8);
        for (var i = 0; i < 8; i++)
        {
            growing.Add(i * Dt, Pose3d.Translation(line.Latest(8).Position(i)));
            Assert.That(samples.Add(growing), Is.EqualTo(i >= 4), $"pose {i}: a sample once the window of 5 is full");
        }
        var curved = new FusedMetricSamples(window: 5);
        Assert.That(curved.Add(Circle(0.002, 0.3, 8)), Is.True); // fine and curved
        Assert.That(curved.Add(Circle(0.05, 0.3, 8)), Is.True);
        samples.AddRange(curved);
        Assert.That(samples.Count, Is.EqualTo(6));
        Assert.That(samples.Radii.Take(4), Is.All.GreaterThan(1e3), "straight");
        Assert.That(samples.Displacements[0], Is.EqualTo(4 * 0.02).Within(1e-12));

        // The released code's ranges: the fine circle goes to the drafter, the rest to retrieval.
        var code = new FusedMetricOptions { Window = 5 };
        Assert.That(samples.RetrievalShare(code), Is.EqualTo(5.0 / 6).Within(1e-12));
        var calibrated = samples.Calibrate(new FusedMetricOptions { Window = 15, Alpha = 0.3 });
        Assert.That((calibrated.Window, calibrated.Alpha), Is.EqualTo((5, 0.3)), "the samples' window, the other settings kept");
        Assert.That(calibrated.RadiusMin, Is.EqualTo(0.002).Within(1e-9));
        Assert.That(calibrated.DisplacementMin, Is.EqualTo(samples.Displacements[4]), "the fine circle moves least");
        Assert.That(samples.RetrievalShare(calibrated with { Threshold = 1 }), Is.EqualTo(0), "F never exceeds 1");

        Assert.Throws<ArgumentException>(() => samples.AddRange(new FusedMetricSamples(6)));
        Assert.Throws<InvalidOperationException>(() => new FusedMetricSamples(5).RetrievalShare(code));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FusedMetricSamples(2));
    }

    [Test]
    public void HistoryKeepsTheLatestSamplesInOrder()
    {
        var history = new PoseHistory(4);
        for (var i = 0; i < 7; i++)
            history.Add(i, Pose3d.Translation(new Vector3d(i, 0, 0)));
        Assert.That(history.Count, Is.EqualTo(4));
        var window = history.Latest(3);
        Assert.That(Enumerable.Range(0, 3).Select(i => window.Position(i).X), Is.EqualTo(new[] { 4.0, 5, 6 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => history.Latest(5));
        Assert.That(history.Add(6, Pose3d.Identity), Is.False, "a repeated stamp is dropped");
        Assert.That(history.Add(double.NaN, Pose3d.Identity), Is.False);
        Assert.That(history.Latest(1).Position(0).X, Is.EqualTo(6), "the dropped samples left no trace");
        Assert.Throws<ArgumentOutOfRangeException>(() => KinematicFeatures.CurvatureRadius(history, 2));
    }
}
