namespace VlaRosNode.Ros2.Dds;

/// <summary>Cyclone DDS configurations this package generates.</summary>
public static class CycloneConfig
{
    /// <summary>Loopback only with unicast discovery (Linux <c>lo</c> has no MULTICAST flag), 64 KB fragments and
    /// large socket buffers so camera images move at full rate. What <c>ROS_LOCALHOST_ONLY=1</c> selects and
    /// what the tests use: no traffic ever leaves 127.0.0.1.</summary>
    public const string Loopback = """
        <CycloneDDS xmlns="https://cdds.io/config"><Domain Id="any">
          <General>
            <Interfaces><NetworkInterface name="lo"/></Interfaces>
            <AllowMulticast>false</AllowMulticast>
            <MaxMessageSize>65500B</MaxMessageSize>
            <FragmentSize>65000B</FragmentSize>
            <MaxRexmitMessageSize>65500B</MaxRexmitMessageSize>
          </General>
          <Discovery>
            <ParticipantIndex>auto</ParticipantIndex>
            <MaxAutoParticipantIndex>64</MaxAutoParticipantIndex>
            <Peers><Peer Address="127.0.0.1"/></Peers>
          </Discovery>
          <Internal>
            <SocketReceiveBufferSize min="4MB"/>
            <Watermarks><WhcHigh>8MB</WhcHigh><WhcHighInit>2MB</WhcHighInit></Watermarks>
          </Internal>
        </Domain></CycloneDDS>
        """;
}
