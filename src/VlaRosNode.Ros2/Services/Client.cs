using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using VlaRosNode.Messages;
using VlaRosNode.Ros2.Execution;
using VlaRosNode.Ros2.Logging;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2.Services;

/// <summary>A service client (rclcpp::Client): replies are taken on the node's executor, so the node must spin
/// (<see cref="Node.StartSpinning"/>) for calls to complete. Replies meant for other clients are ignored.</summary>
public sealed class Client<TRequest, TResponse> : IDisposable
    where TRequest : class, IRosMessage<TRequest>, new()
    where TResponse : class, IRosMessage<TResponse>, new()
{
    private readonly ITransportWriter _requests;
    private readonly ITransportReader _replies;
    private readonly Action<object> _onDispose;
    private readonly RateLimitedLog _malformedLog;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<TResponse>> _pending = new();
    private readonly ulong _clientId = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
    private long _sequence;
    private bool _disposed;

    internal Client(string serviceName, ITransportWriter requests, ITransportReader replies, ILogger logger, Action<object> onDispose)
    {
        ServiceName = serviceName;
        _malformedLog = new RateLimitedLog(logger, LogLevel.Warning, TimeSpan.FromSeconds(5));
        _requests = requests;
        _replies = replies;
        _onDispose = onDispose;
        Executable = new ExecutableAction(TakeReplies);
    }

    public string ServiceName { get; }

    /// <summary>Whether a server is matched both ways (rmw's <c>service_server_is_available</c>).</summary>
    public bool IsServiceReady => _requests.MatchedCount > 0 && _replies.MatchedCount > 0;

    internal IExecutable Executable { get; }

    internal byte[] RequestWriterGid => _requests.Gid;

    /// <summary>Waits until a server is available; false after <paramref name="timeout"/>.</summary>
    public bool WaitForService(TimeSpan timeout, CancellationToken cancellation = default)
    {
        var deadline = RosClock.Steady + timeout;
        while (!IsServiceReady)
        {
            if (RosClock.Steady > deadline || cancellation.IsCancellationRequested)
                return false;
            Thread.Sleep(10);
        }
        return true;
    }

    /// <summary>Sends a request; the task completes with the server's reply, or is cancelled with <paramref name="cancellation"/>.</summary>
    public Task<TResponse> CallAsync(TRequest request, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var id = new RequestId(_clientId, Interlocked.Increment(ref _sequence));
        var reply = new TaskCompletionSource<TResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id.Sequence] = reply;
        var registration = cancellation.Register(() => { if (_pending.TryRemove(id.Sequence, out var r)) r.TrySetCanceled(cancellation); });
        _ = reply.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        _requests.Write(ServiceWire.Size(request), (id, request), static (destination, s) => ServiceWire.Write(destination, s.id, s.request));
        return reply.Task;
    }

    private void TakeReplies()
    {
        while (!_disposed && _replies.TryTake(out var sample))
        {
            using (sample)
            {
                try
                {
                    var (id, response) = ServiceWire.Read<TResponse>(sample.Payload);
                    if (id.ClientId == _clientId && _pending.TryRemove(id.Sequence, out var reply))
                        reply.TrySetResult(response);
                }
                catch (CdrException e)
                {
                    // The call it answers (if ours) keeps waiting: the caller's timeout or cancellation ends it.
                    _malformedLog.Log($"dropped a malformed {TResponse.Info.RosName} reply on '{ServiceName}': {e.Message}");
                }
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _requests.Dispose();
        _replies.Dispose();
        foreach (var reply in _pending.Values)
            reply.TrySetCanceled();
        _onDispose(this);
    }
}
