namespace VlaRosNode.Ros2.Dds;

/// <summary>Creates a Cyclone domain with an explicit configuration once per process and domain id, shared by
/// every participant that asks for the same configuration; deleted when the last one is gone. Without a
/// configuration the domain is left to Cyclone (created implicitly from CYCLONEDDS_URI).</summary>
internal sealed class DdsDomainLease : IDisposable
{
    private static readonly Dictionary<uint, (string Config, DdsEntityHandle Domain, int Users)> Domains = new();
    private readonly uint _domainId;
    private bool _disposed;

    private DdsDomainLease(uint domainId) => _domainId = domainId;

    public static DdsDomainLease Acquire(uint domainId, string? config)
    {
        if (string.IsNullOrEmpty(config))
            return new DdsDomainLease(uint.MaxValue);
        lock (Domains)
        {
            if (Domains.TryGetValue(domainId, out var existing))
            {
                if (existing.Config != config)
                    throw new DdsException($"DDS domain {domainId} already runs in this process with another Cyclone configuration");
                Domains[domainId] = existing with { Users = existing.Users + 1 };
            }
            else
            {
                var domain = DdsException.Check(CycloneNative.DomainCreate(domainId, config), $"creating DDS domain {domainId} from its Cyclone configuration");
                Domains[domainId] = (config, new DdsEntityHandle(domain), 1);
            }
            return new DdsDomainLease(domainId);
        }
    }

    public void Dispose()
    {
        if (_disposed || _domainId == uint.MaxValue)
            return;
        _disposed = true;
        lock (Domains)
        {
            var entry = Domains[_domainId];
            if (entry.Users > 1)
            {
                Domains[_domainId] = entry with { Users = entry.Users - 1 };
                return;
            }
            Domains.Remove(_domainId);
            entry.Domain.Dispose();
        }
    }
}
