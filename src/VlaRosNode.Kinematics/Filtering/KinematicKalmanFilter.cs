using MathNet.Numerics.LinearAlgebra;

namespace VlaRosNode.Kinematics.Filtering;

/// <summary>
/// A linear Kalman filter for one scalar signal under a <see cref="MotionModel"/>: the state is the value and
/// its first n-1 derivatives, F is the Taylor transition, only the value is measured, and Q is the
/// discretised continuous white noise on the highest derivative:
/// Q[i,j] = q dt^(2n-1-i-j) / ((n-1-i)! (n-1-j)! (2n-1-i-j)), which is q dt for the random walk.
/// </summary>
public sealed class KinematicKalmanFilter
{
    private readonly Matrix<double> transition;
    private readonly Matrix<double> processNoise;
    private readonly Matrix<double> covariance;
    private readonly Matrix<double> scratch;
    private readonly Vector<double> state;
    private readonly Vector<double> scratchState;
    private readonly double measurementNoise;
    private readonly double initialCovariance;

    public KinematicKalmanFilter(KalmanOptions options)
    {
        if (!(options.Dt > 0) || !(options.MeasurementNoise > 0) || options.ProcessNoise < 0 || !(options.InitialCovariance > 0))
            throw new ArgumentException($"invalid Kalman options {options}", nameof(options));
        var n = (int)options.Model;
        var dt = options.Dt;
        transition = Matrix<double>.Build.Dense(n, n, (i, j) => j >= i ? Math.Pow(dt, j - i) / Factorial(j - i) : 0);
        processNoise = Matrix<double>.Build.Dense(n, n, (i, j) =>
        {
            var power = 2 * n - 1 - i - j;
            return options.ProcessNoise * Math.Pow(dt, power) / (Factorial(n - 1 - i) * Factorial(n - 1 - j) * power);
        });
        covariance = Matrix<double>.Build.Dense(n, n);
        scratch = Matrix<double>.Build.Dense(n, n);
        state = Vector<double>.Build.Dense(n);
        scratchState = Vector<double>.Build.Dense(n);
        measurementNoise = options.MeasurementNoise;
        initialCovariance = options.InitialCovariance;
        Reset();
    }

    /// <summary>The filtered value.</summary>
    public double Value => state[0];

    /// <summary>The filtered rate (0 for the random walk).</summary>
    public double Rate => state.Count > 1 ? state[1] : 0;

    /// <summary>Variance of the filtered value.</summary>
    public double Variance => covariance[0, 0];

    /// <summary>Kalman gain of the value in the last update.</summary>
    public double LastGain { get; private set; }

    public int Updates { get; private set; }

    /// <summary>Back to the prior: zero state, covariance P0 I.</summary>
    public void Reset()
    {
        state.Clear();
        covariance.Clear();
        for (var i = 0; i < state.Count; i++)
            covariance[i, i] = initialCovariance;
        Updates = 0;
    }

    /// <summary>Time update: x = F x, P = F P F^T + Q.</summary>
    public void Predict()
    {
        transition.Multiply(state, scratchState);
        scratchState.CopyTo(state);
        transition.Multiply(covariance, scratch);
        scratch.TransposeAndMultiply(transition, covariance);
        covariance.Add(processNoise, covariance);
    }

    /// <summary>Measurement update with the observed value z (H = [1 0 ...]).</summary>
    public void Update(double measurement)
    {
        var n = state.Count;
        var innovationVariance = covariance[0, 0] + measurementNoise;
        var innovation = measurement - state[0];
        Span<double> gain = stackalloc double[n];
        for (var i = 0; i < n; i++)
            gain[i] = covariance[i, 0] / innovationVariance;
        for (var i = 0; i < n; i++)
            state[i] += gain[i] * innovation;
        // P = (I - K H) P: subtract K times P's first row.
        Span<double> firstRow = stackalloc double[n];
        for (var j = 0; j < n; j++)
            firstRow[j] = covariance[0, j];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                covariance[i, j] -= gain[i] * firstRow[j];
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

    /// <summary>As <see cref="Forecast(int)"/>, with the forecast's variance (F^k P F^k^T + accumulated Q).</summary>
    public double Forecast(int steps, out double variance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var n = state.Count;
        Span<double> x = stackalloc double[n];
        Span<double> next = stackalloc double[n];
        Span<double> p = stackalloc double[n * n];   // row-major
        Span<double> fp = stackalloc double[n * n];  // F p
        for (var i = 0; i < n; i++)
        {
            x[i] = state[i];
            for (var j = 0; j < n; j++)
                p[i * n + j] = covariance[i, j];
        }
        for (var k = 0; k < steps; k++)
        {
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var m = 0; m < n; m++)
                    sum += transition[i, m] * x[m];
                next[i] = sum;
                for (var j = 0; j < n; j++)
                {
                    var product = 0.0;
                    for (var m = 0; m < n; m++)
                        product += transition[i, m] * p[m * n + j];
                    fp[i * n + j] = product;
                }
            }
            next.CopyTo(x);
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                {
                    var sum = processNoise[i, j];
                    for (var m = 0; m < n; m++)
                        sum += fp[i * n + m] * transition[j, m];
                    p[i * n + j] = sum;
                }
        }
        variance = p[0];
        return x[0];
    }

    private static double Factorial(int k) => k switch { 0 or 1 => 1, 2 => 2, 3 => 6, 4 => 24, _ => k * Factorial(k - 1) };
}
