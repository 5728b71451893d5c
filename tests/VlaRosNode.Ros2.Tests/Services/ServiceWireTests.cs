using VlaRosNode.Messages;
using VlaRosNode.Messages.RclInterfaces;
using VlaRosNode.Ros2.Services;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2.Tests.Services;

/// <summary>The rmw_cyclonedds service layout (request header between encapsulation header and body), bad requests,
/// and services over the in-process backend.</summary>
public sealed class ServiceWireTests
{
    [Test]
    public void RequestHeaderSitsBetweenEncapsulationAndBody()
    {
        var request = new GetParameters_Request { Names = ["ab"] };
        var bytes = new byte[ServiceWire.Size(request)];
        ServiceWire.Write(bytes, new RequestId(0x0102030405060708, 42), request);
        // CDR header, uint64 client id, int64 sequence, then the body: one string "ab".
        Assert.That(bytes, Is.EqualTo(new byte[]
        {
            0, 1, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1, 42, 0, 0, 0, 0, 0, 0, 0,
            1, 0, 0, 0, 3, 0, 0, 0, (byte)'a', (byte)'b', 0,
        }));
        var (id, decoded) = ServiceWire.Read<GetParameters_Request>(bytes);
        Assert.That(id, Is.EqualTo(new RequestId(0x0102030405060708, 42)));
        Assert.That(decoded.Names, Is.EqualTo(new[] { "ab" }));
    }

    [Test]
    public void BodyAlignmentIsThatOfTheMessageAlone()
    {
        var reply = new GetParameters_Response { Values = [new ParameterValue { Type = 3, DoubleValue = 0.5 }] };
        var alone = new byte[reply.GetSerializedSize()];
        reply.Serialize(alone);
        var wrapped = new byte[ServiceWire.Size(reply)];
        ServiceWire.Write(wrapped, new RequestId(7, 1), reply);
        Assert.That(wrapped[20..], Is.EqualTo(alone[4..]));
    }

    [Test]
    public void MutatedRequestsFailOnlyWithCdrException()
    {
        var request = new SetParameters_Request { Parameters = [new Parameter { Name = "gain", Value = new ParameterValue { Type = 8, DoubleArrayValue = [1, 2] } }] };
        var valid = new byte[ServiceWire.Size(request)];
        ServiceWire.Write(valid, new RequestId(1, 2), request);
        var random = Fuzz.Random(3);
        var decoded = 0;
        for (var i = 0; i < Fuzz.Cases(5000); i++)
        {
            var mutated = Mutate(valid, random);
            try
            {
                ServiceWire.Read<SetParameters_Request>(mutated);
                decoded++;
            }
            catch (CdrException)
            {
            }
        }
        Assert.That(decoded, Is.GreaterThan(0).And.LessThan(Fuzz.Cases(5000)), "some mutations still decode, others are rejected");
    }

    [Test]
    public void AMalformedRequestIsDroppedAndTheServiceKeepsAnswering()
    {
        var domain = new InProcessDomain();
        var log = new LogCapture();
        using var context = RosContext.Create([], new RosContextOptions { InProcess = domain, LogOutput = log });
        var server = context.CreateNode("server", options: new NodeOptions { StartParameterServices = false });
        var service = server.CreateService<GetParameterTypes_Request, GetParameterTypes_Response>("/types", r => new() { Types = [.. r.Names.Select(n => (byte)n.Length)] });
        server.StartSpinning();
        using var raw = context.Transport.CreateWriter(ServiceWire.RequestTopic("/types"), GetParameterTypes_Request.Info.DdsName, QosProfile.ServicesDefault, new NullEvents());
        raw.Write(10, 0, static (d, _) => { d.Clear(); d[1] = 1; });

        var caller = context.CreateNode("caller", options: new NodeOptions { StartParameterServices = false });
        caller.StartSpinning();
        var client = caller.CreateClient<GetParameterTypes_Request, GetParameterTypes_Response>("/types");
        Assert.That(client.WaitForService(TimeSpan.FromSeconds(10)), Is.True);
        var call = client.CallAsync(new() { Names = ["abc", "de"] });
        Assert.That(call.Wait(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(call.Result.Types, Is.EqualTo(new byte[] { 3, 2 }));
        Assert.That(service.MalformedCount, Is.EqualTo(1));
        Assert.That(log.Lines, Has.One.Contains("dropped a malformed rcl_interfaces/srv/GetParameterTypes_Request request on '/types'"));
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = (byte[])valid.Clone();
        switch (random.Next(3))
        {
            case 0:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                break;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            default:
                for (var k = 0; k < 4; k++)
                    bytes[random.Next(4, bytes.Length)] ^= (byte)(1 << random.Next(8));
                break;
        }
        return bytes;
    }

    private sealed class NullEvents : IEndpointEvents
    {
        public void OnIncompatibleQos(string policy) { }
        public void OnMatchedChanged(int currentCount) { }
    }
}
