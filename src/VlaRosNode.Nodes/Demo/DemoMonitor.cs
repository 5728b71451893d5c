using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Messages.VlaRosNode;
using VlaRosNode.Ros2;

namespace VlaRosNode.Nodes.Demo;

/// <summary>
/// The demo's observer node: collects episode results from the simulator (/sim/episode_result) and the policy's
/// per-step status (/vla/status), and reports each finished episode through <see cref="EpisodeFinished"/>.
/// </summary>
public sealed partial class DemoMonitor : IDisposable
{
    private readonly Node _node;
    private readonly Lock _lock = new();
    private long _steps, _commanded;
    private double _totalMs;
    private readonly Dictionary<string, int> _holdReasons = [];

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

    /// <summary>Why steps did not command the arm: each fault with its numbers as '#', and how often.</summary>
    public IReadOnlyList<(string Reason, int Steps)> HoldReasons
    {
        get { lock (_lock) return [.. _holdReasons.OrderByDescending(r => r.Value).Select(r => (r.Key, r.Value))]; }
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
            else if (status.Fault.Length > 0)
            {
                var reason = Number().Replace(status.Fault, "#");
                _holdReasons[reason] = _holdReasons.GetValueOrDefault(reason) + 1;
            }
        }
    }

    public void Dispose() => _node.Dispose();

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex Number();
}
