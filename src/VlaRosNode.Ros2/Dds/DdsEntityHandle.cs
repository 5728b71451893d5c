using System.Runtime.InteropServices;

namespace VlaRosNode.Ros2.Dds;

/// <summary>Owns one Cyclone entity (participant, topic, reader, writer) and, for readers and writers, the
/// listener context and the GC handle its callbacks reach .NET through. Deleting the entity first
/// guarantees no callback runs while they are freed.</summary>
internal sealed class DdsEntityHandle : SafeHandle
{
    private nint _listenerContext;
    private GCHandle _callbackTarget;

    public DdsEntityHandle(int entity, nint listenerContext = 0, GCHandle callbackTarget = default) : base(0, ownsHandle: true)
    {
        SetHandle(entity);
        _listenerContext = listenerContext;
        _callbackTarget = callbackTarget;
    }

    public int Entity => (int)handle;

    public override bool IsInvalid => handle <= 0;

    protected override bool ReleaseHandle()
    {
        // A child of an already deleted participant reports "already deleted": that is fine.
        CycloneNative.EntityDelete((int)handle);
        if (_listenerContext != 0)
            CycloneNative.ListenerFree(_listenerContext);
        if (_callbackTarget.IsAllocated)
            _callbackTarget.Free();
        _listenerContext = 0;
        return true;
    }
}
