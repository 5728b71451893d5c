// Cross-vendor peer: publishes sensor_msgs/JointState and sensor_msgs/Image with known values on
// /vendor/joint_states and /vendor/image, and prints every trajectory_msgs/JointTrajectory received on
// /vendor/joint_trajectory. UDP on 127.0.0.1 only (what ROS_LOCALHOST_ONLY=1 does for rmw_fastrtps).
// Usage: fastdds_peer DOMAIN. Prints "ready"; publishes once a line arrives on stdin (sent when the other side has
// matched our writers: volatile samples written before that are lost), prints "published", then one
// "trajectory ..." line per message received.
#include "ros_types.h"
#include "ros_typesPubSubTypes.h"

#include <fastdds/dds/domain/DomainParticipant.hpp>
#include <fastdds/dds/domain/DomainParticipantFactory.hpp>
#include <fastdds/dds/publisher/DataWriter.hpp>
#include <fastdds/dds/publisher/Publisher.hpp>
#include <fastdds/dds/subscriber/DataReader.hpp>
#include <fastdds/dds/subscriber/SampleInfo.hpp>
#include <fastdds/dds/subscriber/Subscriber.hpp>
#include <fastdds/dds/topic/Topic.hpp>
#include <fastdds/rtps/transport/UDPv4TransportDescriptor.h>
#include <fastrtps/utils/IPLocator.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

using namespace eprosima::fastdds::dds;
namespace ros_sensor = sensor_msgs::msg::dds_;
namespace ros_traj = trajectory_msgs::msg::dds_;

static DataWriterQos reliable_writer()
{
    DataWriterQos qos = DATAWRITER_QOS_DEFAULT;
    qos.reliability().kind = RELIABLE_RELIABILITY_QOS;
    qos.durability().kind = VOLATILE_DURABILITY_QOS;
    qos.history().kind = KEEP_LAST_HISTORY_QOS;
    qos.history().depth = 10;
    return qos;
}

static bool wait_matched(DataWriter* writer)
{
    for (int i = 0; i < 3000; ++i) {
        PublicationMatchedStatus status;
        writer->get_publication_matched_status(status);
        if (status.current_count > 0)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fastdds_peer DOMAIN\n");
        return 2;
    }
    const int domain = std::atoi(argv[1]);

    DomainParticipantQos pqos;
    pqos.name("fastdds_peer");
    pqos.transport().use_builtin_transports = false;
    auto udp = std::make_shared<eprosima::fastdds::rtps::UDPv4TransportDescriptor>();
    udp->interfaceWhiteList.push_back("127.0.0.1");
    pqos.transport().user_transports.push_back(udp);
    // Unicast discovery: the metatraffic ports of the first participant indices on 127.0.0.1 (lo has no multicast).
    for (int i = 0; i < 16; ++i) {
        eprosima::fastrtps::rtps::Locator_t peer;
        eprosima::fastrtps::rtps::IPLocator::setIPv4(peer, 127, 0, 0, 1);
        peer.port = 7400 + 250 * domain + 10 + 2 * i;
        pqos.wire_protocol().builtin.initialPeersList.push_back(peer);
    }
    DomainParticipant* participant = DomainParticipantFactory::get_instance()->create_participant(domain, pqos);
    if (participant == nullptr)
        return 1;

    TypeSupport joint_state_type(new ros_sensor::JointState_PubSubType());
    TypeSupport image_type(new ros_sensor::Image_PubSubType());
    TypeSupport trajectory_type(new ros_traj::JointTrajectory_PubSubType());
    joint_state_type.register_type(participant);
    image_type.register_type(participant);
    trajectory_type.register_type(participant);

    Topic* joint_topic = participant->create_topic("rt/vendor/joint_states", joint_state_type.get_type_name(), TOPIC_QOS_DEFAULT);
    Topic* image_topic = participant->create_topic("rt/vendor/image", image_type.get_type_name(), TOPIC_QOS_DEFAULT);
    Topic* trajectory_topic = participant->create_topic("rt/vendor/joint_trajectory", trajectory_type.get_type_name(), TOPIC_QOS_DEFAULT);
    Publisher* publisher = participant->create_publisher(PUBLISHER_QOS_DEFAULT);
    Subscriber* subscriber = participant->create_subscriber(SUBSCRIBER_QOS_DEFAULT);
    DataWriter* joint_writer = publisher->create_datawriter(joint_topic, reliable_writer());
    DataWriter* image_writer = publisher->create_datawriter(image_topic, reliable_writer());
    DataReaderQos rqos = DATAREADER_QOS_DEFAULT;
    rqos.reliability().kind = RELIABLE_RELIABILITY_QOS;
    rqos.history().depth = 10;
    DataReader* trajectory_reader = subscriber->create_datareader(trajectory_topic, rqos);
    std::printf("ready\n");
    std::fflush(stdout);

    std::string go;
    std::getline(std::cin, go);
    if (!wait_matched(joint_writer) || !wait_matched(image_writer)) {
        std::fprintf(stderr, "no subscriber matched\n");
        return 1;
    }
    for (int k = 0; k < 3; ++k) {
        ros_sensor::JointState_ js;
        js.header().stamp().sec(100 + k);
        js.header().stamp().nanosec(5u + k);
        js.header().frame_id("fast_base");
        js.name({"joint_a", "joint_b", "joint_c"});
        js.position({0.5 * k, -1.25, 3.0625});
        js.velocity({1e-3, -2.5e10, 0.0});
        js.effort({});
        joint_writer->write(&js);
    }
    ros_sensor::Image_ image;
    image.header().frame_id("fast_camera");
    image.height(480);
    image.width(640);
    image.encoding("rgb8");
    image.is_bigendian(0);
    image.step(640 * 3);
    image.data().resize(640 * 480 * 3);
    for (size_t i = 0; i < image.data().size(); ++i)
        image.data()[i] = static_cast<uint8_t>((i * 7 + 3) % 251);
    image_writer->write(&image);
    std::printf("published\n");
    std::fflush(stdout);

    // Print each trajectory received, for 60 s at most (the test stops us sooner). The image is sent again every
    // half second: a single 921 KB sample from Fast DDS was sometimes not delivered to Cyclone on a loaded machine.
    for (int i = 0; i < 6000; ++i) {
        if (i % 50 == 49)
            image_writer->write(&image);
        ros_traj::JointTrajectory_ trajectory;
        SampleInfo info;
        while (trajectory_reader->take_next_sample(&trajectory, &info) == ReturnCode_t::RETCODE_OK) {
            if (!info.valid_data)
                continue;
            std::printf("trajectory frame=%s", trajectory.header().frame_id().c_str());
            for (const auto& name : trajectory.joint_names())
                std::printf(" %s", name.c_str());
            for (const auto& point : trajectory.points()) {
                std::printf(" |");
                for (double p : point.positions())
                    std::printf(" %.17g", p);
                std::printf(" t=%d.%09u", point.time_from_start().sec(), point.time_from_start().nanosec());
            }
            std::printf("\n");
            std::fflush(stdout);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    participant->delete_contained_entities();
    DomainParticipantFactory::get_instance()->delete_participant(participant);
    return 0;
}
