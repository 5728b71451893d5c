namespace VlaRosNode.Kinematics.Filtering;

/// <summary>
/// A linear Kalman filter for one scalar signal under a <see cref="MotionModel"/>: the state is the value and
/// its first n-1 derivatives, F is the Taylor transition, only the value is measured, and Q is the
/// discretised continuous white noise on the highest derivative:
/// Q[i,j] = q dt^(2n-1-i-j) / ((n-1-i)! (n-1-j)! (2n-1-i-j)), which is q dt for the random walk.
/// n is at most 3, so the matrices are plain row-major arrays and a step allocates nothing.
/// </summary>
public sealed class KinematicKalmanFilter
{
    private readonly int n;
    private readonly double[] transition;
    private readonly double[] processNoise;
    private readonly double[] covariance;
    private readonly double[] state;
    private readonly double measurementNoise;
    private readonly double initialCovariance;

    public KinematicKalmanFilter(KalmanOptions options)
    {
        if (!(options.Dt > 0) || !(options.MeasurementNoise > 0) || !(options.ProcessNoise >= 0) || !(options.InitialCovariance > 0))
            throw new ArgumentException($"invalid Kalman options {options}", nameof(options));
        n = (int)options.Model;
        var dt = options.Dt;
        transition = new double[n * n];
        processNoise = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (j >= i)
                    transition[i * n + j] = Math.Pow(dt, j - i) / Factorial(j - i);
                var power = 2 * n - 1 - i - j;
                processNoise[i * n + j] = options.ProcessNoise * Math.Pow(dt, power) / (Factorial(n - 1 - i) * Factorial(n - 1 - j) * power);
            }
        }
        covariance = new double[n * n];
        state = new double[n];
        measurementNoise = options.MeasurementNoise;
        initialCovariance = options.InitialCovariance;
        Reset();
    }

    /// <summary>The filtered value.</summary>
    public double Value => state[0];

    /// <summary>The filtered rate (0 for the random walk).</summary>
    public double Rate => n > 1 ? state[1] : 0;

    /// <summary>Variance of the filtered value.</summary>
    public double Variance => covariance[0];

    /// <summary>Kalman gain of the value in the last update.</summary>
    public double LastGain { get; private set; }

    public int Updates { get; private set; }

    /// <summary>Back to the prior: zero state, covariance P0 I.</summary>
    public void Reset()
    {
        Array.Clear(state);
        Array.Clear(covariance);
        for (var i = 0; i < n; i++)
            covariance[i * n + i] = initialCovariance;
        Updates = 0;
    }

    /// <summary>Time update: x = F x, P = F P F^T + Q.</summary>
    public void Predict() => Propagate(state, covariance);

    /// <summary>Measurement update with the observed value z (H = [1 0 ...]).</summary>
    public void Update(double measurement)
    {
        var innovationVariance = covariance[0] + measurementNoise;
        var innovation = measurement - state[0];
        Span<double> gain = stackalloc double[n];
        Span<double> firstRow = stackalloc double[n];
        for (var i = 0; i < n; i++)
        {
            gain[i] = covariance[i * n] / innovationVariance;
            firstRow[i] = covariance[i];
        }
        for (var i = 0; i < n; i++)
        {
            state[i] += gain[i] * innovation;
            for (var j = 0; j < n; j++)
                covariance[i * n + j] -= gain[i] * firstRow[j]; // P = (I - K H) P
        }
        LastGain = gain[0];
        Updates++;
    }

    /// <summary>One control step: predict (except before the first measurement), then update.</summary>
    public void Observe(double measurement)
    {
        if (Updates > 0)
            Predict();
        Update(measurement);
    }

    /// <summary>The value expected <paramref name="steps"/> steps ahead (F^steps x), leaving the filter unchanged.</summary>
    public double Forecast(int steps) => Forecast(steps, out _);

    /// <summary>As <see cref="Forecast(int)"/>, with the forecast's variance.</summary>
    public double Forecast(int steps, out double variance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        Span<double> x = stackalloc double[n];
        Span<double> p = stackalloc double[n * n];
        state.CopyTo(x);
        covariance.CopyTo(p);
        for (var k = 0; k < steps; k++)
            Propagate(x, p);
        variance = p[0];
        return x[0];
    }

    private void Propagate(Span<double> x, Span<double> p)
    {
        Span<double> next = stackalloc double[n];
        Span<double> fp = stackalloc double[n * n]; // F P
        for (var i = 0; i < n; i++)
        {
            for (var m = 0; m < n; m++)
            {
                next[i] += transition[i * n + m] * x[m];
                for (var j = 0; j < n; j++)
                    fp[i * n + j] += transition[i * n + m] * p[m * n + j];
            }
        }
        next.CopyTo(x);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = processNoise[i * n + j];
                for (var m = 0; m < n; m++)
                    sum += fp[i * n + m] * transition[j * n + m];
                p[i * n + j] = sum;
            }
        }
    }

    private static double Factorial(int k) => k <= 1 ? 1 : k * Factorial(k - 1);
}
