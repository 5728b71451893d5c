using Microsoft.Extensions.Logging;
using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Messages.VlaRosNode;
using VlaRosNode.Ros2;

namespace VlaRosNode.Nodes.Demo;

/// <summary>
/// The demo's observer node: collects episode results from the simulator (/sim/episode_result) and the policy's
/// per-step status (/vla/status), and reports each finished episode through <see cref="EpisodeFinished"/>.
/// </summary>
public sealed class DemoMonitor : IDisposable
{
    private readonly Node _node;
    private readonly Lock _lock = new();
    private long _steps, _commanded;
    private double _totalMs;

    public DemoMonitor(RosContext context)
    {
        _node = context.CreateNode("vla_demo_monitor");
        _node.CreateSubscription<DiagnosticStatus>("/sim/episode_result", OnResult, QosProfile.Default.WithDepth(100));
        _node.CreateSubscription<PolicyStatus>("/vla/status", OnStatus, QosProfile.Default.WithDepth(100));
        _node.StartSpinning();
    }

    public EpisodeTally Tally { get; } = new();

    /// <summary>Raised on the monitor's thread after each episode result.</summary>
    public event Action<EpisodeOutcome>? EpisodeFinished;

    public int Finished
    {
        get { lock (_lock) return Tally.Episodes.Count; }
    }

    /// <summary>Policy steps seen, how many commanded the arm, and their mean latency (ms).</summary>
    public (long Steps, long Commanded, double MeanMs) PolicySteps
    {
        get { lock (_lock) return (_steps, _commanded, _commanded == 0 ? 0 : _totalMs / _commanded); }
    }

    private void OnResult(DiagnosticStatus status)
    {
        EpisodeOutcome outcome;
        try
        {
            outcome = EpisodeOutcome.From(status);
        }
        catch (FormatException e)
        {
            _node.Logger.LogWarning("ignored an episode result: {Problem}", e.Message);
            return;
        }
        lock (_lock)
            Tally.Add(outcome);
        EpisodeFinished?.Invoke(outcome);
    }

    private void OnStatus(PolicyStatus status)
    {
        lock (_lock)
        {
            _steps++;
            if (status.Commanded)
            {
                _commanded++;
                _totalMs += status.TotalMs;
            }
        }
    }

    public void Dispose() => _node.Dispose();
}
