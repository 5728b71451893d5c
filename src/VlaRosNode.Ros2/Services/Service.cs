using Microsoft.Extensions.Logging;
using VlaRosNode.Messages;
using VlaRosNode.Ros2.Execution;
using VlaRosNode.Ros2.Logging;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2.Services;

/// <summary>A service server (rclcpp::Service): requests are answered on the node's executor, one at a time. A request
/// that does not decode is dropped, counted and logged at a bounded rate.</summary>
public sealed class Service<TRequest, TResponse> : IDisposable
    where TRequest : class, IRosMessage<TRequest>, new()
    where TResponse : class, IRosMessage<TResponse>, new()
{
    // rmw_cyclonedds waits this long for the client's reply reader to be matched before answering anyway.
    private static readonly TimeSpan ReplyReaderWait = TimeSpan.FromMilliseconds(100);

    private readonly ITransportReader _requests;
    private readonly ITransportWriter _replies;
    private readonly Func<TRequest, TResponse> _handler;
    private readonly RateLimitedLog _problems;
    private readonly Action<object> _onDispose;
    private long _malformed;
    private bool _disposed;

    internal Service(string name, ITransportReader requests, ITransportWriter replies, ILogger logger, Func<TRequest, TResponse> handler, Action<object> onDispose)
    {
        Name = name;
        _requests = requests;
        _replies = replies;
        _handler = handler;
        _onDispose = onDispose;
        _problems = new RateLimitedLog(logger, LogLevel.Warning, TimeSpan.FromSeconds(5));
        Executable = new ExecutableAction(AnswerAvailable);
    }

    /// <summary>Fully qualified service name after remapping.</summary>
    public string Name { get; }

    /// <summary>Requests dropped because they did not decode.</summary>
    public long MalformedCount => Interlocked.Read(ref _malformed);

    internal IExecutable Executable { get; }

    internal byte[] ReplyWriterGid => _replies.Gid;

    private void AnswerAvailable()
    {
        while (!_disposed && _requests.TryTake(out var sample))
        {
            RequestId id;
            TRequest request;
            ulong client;
            using (sample)
            {
                client = sample.PublicationHandle;
                try
                {
                    (id, request) = ServiceWire.Read<TRequest>(sample.Payload);
                }
                catch (CdrException e)
                {
                    var count = Interlocked.Increment(ref _malformed);
                    _problems.Log($"dropped a malformed {TRequest.Info.RosName} request on '{Name}' ({count} so far): {e.Message}");
                    continue;
                }
            }
            var response = _handler(request);
            if (ClientListening(client))
                _replies.Write(ServiceWire.Size(response), (id, response), static (destination, s) => ServiceWire.Write(destination, s.id, s.response));
        }
    }

    /// <summary>What rmw_cyclonedds checks before a reply: the requesting writer is still there and, when it names its
    /// client (<c>clientid=</c>), that client's reply reader is matched, waiting briefly for discovery to catch up.</summary>
    private bool ClientListening(ulong requestWriter)
    {
        var userData = _requests.WriterUserData(requestWriter);
        if (userData is null)
            return false; // the client is gone
        if (ServiceWire.UserDataValue(userData, "clientid") is not { } clientId)
            return true;
        var entry = $"clientid={clientId};";
        var deadline = RosClock.Steady + ReplyReaderWait;
        while (!_replies.HasMatchedReaderWithUserData(entry))
        {
            if (RosClock.Steady > deadline)
            {
                _problems.Log($"answered a request on '{Name}' although the client's reply reader is not matched yet; the reply may be lost");
                return true;
            }
            Thread.Sleep(5);
        }
        return true;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _requests.Dispose();
        _replies.Dispose();
        _onDispose(this);
    }
}
