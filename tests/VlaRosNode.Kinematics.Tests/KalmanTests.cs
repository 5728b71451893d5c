using VlaRosNode.Kinematics.Filtering;

namespace VlaRosNode.Kinematics.Tests;

public class KalmanTests
{
    [Test]
    public void ConstantVelocityFilterLocksOntoANoisyRamp()
    {
        // z(k) = 0.3 + 0.02 k + N(0, 0.005^2): a normalised action dimension moving steadily.
        const double slope = 0.02, sigma = 0.005;
        var random = new Random(3);
        var filter = new KinematicKalmanFilter(new KalmanOptions
        {
            Model = MotionModel.ConstantVelocity, ProcessNoise = 1e-6, MeasurementNoise = sigma * sigma,
        });
        double Truth(int k) => 0.3 + slope * k;
        for (var k = 0; k < 200; k++)
            filter.Observe(Truth(k) + sigma * Gaussian(random));

        Assert.That(filter.Rate, Is.EqualTo(slope).Within(1e-3));
        Assert.That(filter.Value, Is.EqualTo(Truth(199)).Within(2 * sigma));
        Assert.That(filter.Forecast(5, out var variance), Is.EqualTo(Truth(204)).Within(3 * sigma));
        Assert.That(variance, Is.GreaterThan(filter.Variance), "uncertainty grows with the horizon");
        Assert.That(filter.Forecast(0), Is.EqualTo(filter.Value));
    }

    [Test]
    public void ConstantVelocityForecastBeatsTheRandomWalkOnARamp()
    {
        var random = new Random(4);
        var cv = new ActionStreamFilter(1, new KalmanOptions { Model = MotionModel.ConstantVelocity, ProcessNoise = 1e-5, MeasurementNoise = 1e-4 });
        var rw = new ActionStreamFilter(1, new KalmanOptions()); // KERV's code defaults
        double cvError = 0, rwError = 0;
        Span<double> forecast = stackalloc double[1];
        for (var k = 0; k < 300; k++)
        {
            var z = 0.01 * k + 0.01 * Gaussian(random);
            if (k >= 20) // after warm-up, score the one-step-ahead forecast against the coming value
            {
                var next = 0.01 * k;
                cv.Forecast(1, forecast);
                cvError += Math.Abs(forecast[0] - next);
                rw.Forecast(1, forecast);
                rwError += Math.Abs(forecast[0] - next);
            }
            cv.Observe([z]);
            rw.Observe([z]);
        }
        Assert.That(cvError, Is.LessThan(rwError * 0.8), $"cv {cvError:F4} vs random walk {rwError:F4}");
    }

    [Test]
    public void ConstantAccelerationFilterTracksAParabolaExactlyWithoutNoise()
    {
        var filter = new KinematicKalmanFilter(new KalmanOptions
        {
            Model = MotionModel.ConstantAcceleration, Dt = 0.1, ProcessNoise = 1e-9, MeasurementNoise = 1e-9,
        });
        double Truth(double t) => 1 - 0.5 * t + 0.8 * t * t;
        for (var k = 0; k < 100; k++)
            filter.Observe(Truth(k * 0.1));
        Assert.That(filter.Rate, Is.EqualTo(-0.5 + 1.6 * 9.9).Within(1e-3));
        Assert.That(filter.Forecast(10), Is.EqualTo(Truth(10.9)).Within(1e-3));
    }

    [Test]
    public void RandomWalkGainConvergesToTheRiccatiSolution()
    {
        // Scalar random walk: steady prior variance P = (Q + sqrt(Q^2 + 4QR)) / 2, gain K = P / (P + R).
        var options = new KalmanOptions();
        var (q, r) = (options.ProcessNoise, options.MeasurementNoise);
        var prior = (q + Math.Sqrt(q * q + 4 * q * r)) / 2;
        var filter = new KinematicKalmanFilter(options);
        var random = new Random(5);
        for (var k = 0; k < 50; k++)
            filter.Observe(random.NextDouble());
        Assert.That(filter.LastGain, Is.EqualTo(prior / (prior + r)).Within(1e-12));
        Assert.That(filter.Forecast(3, out var variance), Is.EqualTo(filter.Value), "a random walk forecasts its last value");
        Assert.That(variance, Is.EqualTo(filter.Variance + 3 * q).Within(1e-12));
    }

    [Test]
    public void ProcessNoiseMatchesTheContinuousWhiteNoiseModel()
    {
        // CV with q = 2, dt = 0.5, from P = 0: one predict gives Q = q [[dt^3/3, dt^2/2], [dt^2/2, dt]].
        var filter = new KinematicKalmanFilter(new KalmanOptions { Model = MotionModel.ConstantVelocity, Dt = 0.5, ProcessNoise = 2, InitialCovariance = 1e-300 });
        filter.Forecast(1, out var variance);
        Assert.That(variance, Is.EqualTo(2 * 0.125 / 3).Within(1e-12));
    }

    [Test]
    public void StreamFilterChecksDimensionsAndResets()
    {
        var stream = new ActionStreamFilter(7, new KalmanOptions());
        Assert.Throws<ArgumentException>(() => stream.Observe([1.0, 2.0]));
        stream.Observe([1, 2, 3, 4, 5, 6, 7]);
        Span<double> next = stackalloc double[7];
        stream.Forecast(1, next);
        Assert.That(next[6], Is.EqualTo(7).Within(1e-3));
        stream.Reset();
        Assert.That(stream.Count, Is.Zero);
        Assert.Throws<ArgumentException>(() => new KinematicKalmanFilter(new KalmanOptions { Dt = 0 }));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
