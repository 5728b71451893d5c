using System.Runtime.InteropServices;

namespace VlaRosNode.Cli;

/// <summary>Cancels a token on SIGINT or SIGTERM (what `ros2 launch` sends), so nodes shut down cleanly.</summary>
public static class ShutdownSignals
{
    public static IDisposable Register(CancellationTokenSource stop)
    {
        void Handler(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        return new Registrations(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handler), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handler));
    }

    private sealed class Registrations(params IDisposable[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var r in registrations)
                r.Dispose();
        }
    }
}
