using System.Runtime.InteropServices;

namespace VlaRosNode.Ros2.Dds;

/// <summary>The C API of libvla_dds_shim.so (src/native/vla_dds_shim.c); every call is a thin pass-through.</summary>
internal static unsafe partial class CycloneNative
{
    public const string Library = "vla_dds_shim";

    public const int EventRequestedIncompatible = 2;
    public const int EventOfferedIncompatible = 3;
    public const int EventMatched = 4;

    /// <summary>DDS_RETCODE_NO_DATA: what vla_matched_publication_userdata returns for a writer that is gone.</summary>
    public const int NoData = -11;

    [StructLayout(LayoutKind.Sequential)]
    public struct Qos
    {
        public int Reliable;
        public int TransientLocal;
        public int KeepAll;
        public int Depth;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Sample
    {
        public nint Handle;
        public byte* Data;
        public uint Size;
        public int Valid;
        public long SourceTimestamp;
        public ulong PublicationHandle;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Endpoint
    {
        public fixed byte TopicName[256];
        public fixed byte TypeName[256];
        public fixed byte Guid[16];
        public fixed byte ParticipantGuid[16];
        public int Reliable;
        public int TransientLocal;
        public int Depth;
        public fixed byte UserData[256];
    }

    [LibraryImport(Library, EntryPoint = "vla_compiled_version")]
    public static partial byte* CompiledVersion();

    [LibraryImport(Library, EntryPoint = "vla_runtime_library")]
    public static partial byte* RuntimeLibrary();

    [LibraryImport(Library, EntryPoint = "vla_error_text")]
    public static partial byte* ErrorText(int rc);

    [LibraryImport(Library, EntryPoint = "vla_domain_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int DomainCreate(uint domainId, string? config);

    [LibraryImport(Library, EntryPoint = "vla_participant_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ParticipantCreate(uint domainId, string? userData);

    [LibraryImport(Library, EntryPoint = "vla_entity_delete")]
    public static partial int EntityDelete(int entity);

    [LibraryImport(Library, EntryPoint = "vla_entity_guid")]
    public static partial int EntityGuid(int entity, byte* guid16);

    [LibraryImport(Library, EntryPoint = "vla_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TopicCreate(int participant, string topicName, string typeName, out nint sertype);

    [LibraryImport(Library, EntryPoint = "vla_reader_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ReaderCreate(int participant, int topic, in Qos qos, string userData,
        delegate* unmanaged<nint, int, int, void> onEvent, nint context, out nint listenerContext);

    [LibraryImport(Library, EntryPoint = "vla_writer_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int WriterCreate(int participant, int topic, in Qos qos, string userData,
        delegate* unmanaged<nint, int, int, void> onEvent, nint context, out nint listenerContext);

    [LibraryImport(Library, EntryPoint = "vla_listener_free")]
    public static partial void ListenerFree(nint listenerContext);

    [LibraryImport(Library, EntryPoint = "vla_blob_new")]
    public static partial nint BlobNew(nint sertype, uint size, out byte* data);

    [LibraryImport(Library, EntryPoint = "vla_blob_free")]
    public static partial void BlobFree(nint blob);

    [LibraryImport(Library, EntryPoint = "vla_blob_write")]
    public static partial int BlobWrite(int writer, nint blob);

    [LibraryImport(Library, EntryPoint = "vla_take")]
    public static partial int Take(int reader, out Sample sample);

    [LibraryImport(Library, EntryPoint = "vla_sample_release")]
    public static partial void SampleRelease(nint handle);

    [LibraryImport(Library, EntryPoint = "vla_waitset_create")]
    public static partial int WaitSetCreate(int participant, out int guard);

    [LibraryImport(Library, EntryPoint = "vla_waitset_attach_reader")]
    public static partial int WaitSetAttachReader(int waitSet, int reader, long arg);

    [LibraryImport(Library, EntryPoint = "vla_waitset_wake")]
    public static partial int WaitSetWake(int guard);

    [LibraryImport(Library, EntryPoint = "vla_waitset_wait")]
    public static partial int WaitSetWait(int waitSet, int guard, long* args, int max, long timeoutNs);

    [LibraryImport(Library, EntryPoint = "vla_matched_count")]
    public static partial int MatchedCount(int entity, int isWriter);

    [LibraryImport(Library, EntryPoint = "vla_matched_publication_userdata")]
    public static partial int MatchedPublicationUserData(int reader, ulong publicationHandle, byte* buffer, int capacity);

    [LibraryImport(Library, EntryPoint = "vla_writer_matches_reader_userdata", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int WriterMatchesReaderUserData(int writer, string needle);

    [LibraryImport(Library, EntryPoint = "vla_endpoint_reader_create")]
    public static partial int EndpointReaderCreate(int participant, int publications);

    [LibraryImport(Library, EntryPoint = "vla_endpoint_list")]
    public static partial int EndpointList(int reader, Endpoint* endpoints, int max);
}
