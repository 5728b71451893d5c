// The messages the cross-check encodes with @foxglove/rosmsg2-serialization: every shipped type, with edge
// cases (empty strings and arrays, non-ASCII UTF-8, NaN/Inf/-0, large arrays, nested arrays of structs).
"use strict";

// Deterministic pseudo-random numbers (mulberry32) so the fixtures are reproducible.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(42);
const doubles = (n) => Float64Array.from({ length: n }, () => (next() - 0.5) * 10 ** Math.floor(next() * 12 - 6));
const bytes = (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256));

const unicode = "grüße ✓ 日本語 🤖";
const stamp = { sec: 1700000000, nanosec: 123456789 };
const header = (frame_id = "base_link") => ({ stamp, frame_id });
const gid = (seed) => ({ data: Uint8Array.from({ length: 24 }, (_, i) => (seed * 16 + i) & 0xff) });
const point = (n, t) => ({
  positions: doubles(n), velocities: doubles(n), accelerations: new Float64Array(0), effort: doubles(n),
  time_from_start: { sec: t, nanosec: 250000000 * (t % 4) },
});

module.exports = [
  ["builtin_interfaces/msg/Time", "zero", {}],
  ["builtin_interfaces/msg/Time", "extremes", { sec: -2147483648, nanosec: 4294967295 }],
  ["builtin_interfaces/msg/Duration", "negative", { sec: -1, nanosec: 999999999 }],
  ["std_msgs/msg/String", "hello", { data: "hello" }],
  ["std_msgs/msg/String", "empty", { data: "" }],
  ["std_msgs/msg/String", "unicode", { data: unicode }],
  ["std_msgs/msg/String", "long", { data: "ab".repeat(5000) }],
  ["std_msgs/msg/Header", "typical", header()],
  ["std_msgs/msg/Header", "empty frame", header("")],
  ["sensor_msgs/msg/RegionOfInterest", "rectified", { x_offset: 1, y_offset: 2, height: 3, width: 4, do_rectify: true }],
  ["sensor_msgs/msg/Image", "4x3 rgb8", { header: header("camera"), height: 3, width: 4, encoding: "rgb8", is_bigendian: 0, step: 12, data: bytes(36) }],
  ["sensor_msgs/msg/Image", "empty", { header: header(""), height: 0, width: 0, encoding: "", is_bigendian: 0, step: 0, data: new Uint8Array(0) }],
  ["sensor_msgs/msg/Image", "200x117 rgb8 (over 64 KiB)", { header: header("camera"), height: 117, width: 200, encoding: "rgb8", is_bigendian: 1, step: 600, data: bytes(70200) }],
  ["sensor_msgs/msg/CompressedImage", "jpeg", { header: header("camera"), format: "jpeg", data: bytes(517) }],
  ["sensor_msgs/msg/CompressedImage", "empty", { header: header(""), format: "", data: new Uint8Array(0) }],
  ["sensor_msgs/msg/JointState", "7 joints", {
    header: header(), name: ["j1", "j2", "j3", "j4", "j5", "j6", "j7"], position: doubles(7), velocity: doubles(7), effort: new Float64Array(0),
  }],
  ["sensor_msgs/msg/JointState", "empty", { header: header(""), name: [], position: [], velocity: [], effort: [] }],
  ["sensor_msgs/msg/JointState", "nan inf -0 denormal", {
    header: header(), name: ["", "a", "x"], position: [NaN, Infinity, -Infinity], velocity: [-0, Number.MIN_VALUE, Number.MAX_VALUE], effort: [1e-300],
  }],
  ["sensor_msgs/msg/JointState", "unicode names", { header: header(unicode), name: [unicode, "ß"], position: [1], velocity: [], effort: [] }],
  ["sensor_msgs/msg/JointState", "2000 joints", {
    header: header(), name: Array.from({ length: 2000 }, (_, i) => `joint_${i}`), position: doubles(2000), velocity: new Float64Array(0), effort: doubles(3),
  }],
  ["sensor_msgs/msg/CameraInfo", "plumb_bob", {
    header: header("camera"), height: 480, width: 640, distortion_model: "plumb_bob", d: [0.1, -0.2, 0.001, 0.002, 0],
    k: [525, 0, 319.5, 0, 525, 239.5, 0, 0, 1], r: [1, 0, 0, 0, 1, 0, 0, 0, 1], p: [525, 0, 319.5, 0, 0, 525, 239.5, 0, 0, 0, 1, 0],
    binning_x: 1, binning_y: 2, roi: { x_offset: 10, y_offset: 20, height: 100, width: 200, do_rectify: false },
  }],
  ["sensor_msgs/msg/CameraInfo", "no distortion", {
    header: header(""), height: 0, width: 0, distortion_model: "", d: [], k: doubles(9), r: doubles(9), p: doubles(12), binning_x: 0, binning_y: 0,
    roi: { x_offset: 0, y_offset: 0, height: 0, width: 0, do_rectify: true },
  }],
  ["trajectory_msgs/msg/JointTrajectoryPoint", "mixed", point(6, 3)],
  ["trajectory_msgs/msg/JointTrajectory", "3 points", { header: header(""), joint_names: ["shoulder", "elbow", "wrist"], points: [point(3, 1), point(3, 2), point(3, 3)] }],
  ["trajectory_msgs/msg/JointTrajectory", "no points", { header: header(), joint_names: [], points: [] }],
  ["trajectory_msgs/msg/JointTrajectory", "300 points", { header: header(), joint_names: ["a"], points: Array.from({ length: 300 }, (_, i) => point(1, i)) }],
  ["geometry_msgs/msg/Vector3", "values", { x: 1.5, y: -2.25, z: 1e-9 }],
  ["geometry_msgs/msg/Point", "nan", { x: NaN, y: 0, z: -Infinity }],
  ["geometry_msgs/msg/Quaternion", "defaults", {}],
  ["geometry_msgs/msg/Pose", "values", { position: { x: 1, y: 2, z: 3 }, orientation: { x: 0, y: 0, z: 0.7071067811865476, w: 0.7071067811865476 } }],
  ["geometry_msgs/msg/PoseStamped", "values", { header: header("world"), pose: { position: { x: -1, y: 0.5, z: 2 }, orientation: { x: 0, y: 0, z: 0, w: 1 } } }],
  ["geometry_msgs/msg/Twist", "values", { linear: { x: 0.1, y: 0, z: 0 }, angular: { x: 0, y: 0, z: -0.5 } }],
  ["geometry_msgs/msg/TwistStamped", "values", { header: header("tool0"), twist: { linear: { x: 0, y: 0.2, z: 0 }, angular: { x: 1, y: 0, z: 0 } } }],
  ["control_msgs/msg/JointJog", "values", { header: header(), joint_names: ["j1", "j2"], displacements: [], velocities: [0.1, -0.1], duration: 0.05 }],
  ["diagnostic_msgs/msg/KeyValue", "unicode", { key: unicode, value: "" }],
  ["diagnostic_msgs/msg/DiagnosticStatus", "error", { level: 2, name: "policy", message: "late", hardware_id: "gpu0", values: [{ key: "ms", value: "12" }] }],
  ["diagnostic_msgs/msg/DiagnosticArray", "two statuses", {
    header: header(), status: [
      { level: 1, name: "a", message: unicode, hardware_id: "", values: [{ key: "k1", value: "v1" }, { key: "k2", value: "v2" }] },
      { level: 3, name: "", message: "", hardware_id: "", values: [] },
    ],
  }],
  ["diagnostic_msgs/msg/DiagnosticArray", "empty", { header: header(""), status: [] }],
  ["rosgraph_msgs/msg/Clock", "values", { clock: stamp }],
  ["rmw_dds_common/msg/Gid", "values", gid(1)],
  ["rmw_dds_common/msg/NodeEntitiesInfo", "values", { node_namespace: "/", node_name: "vla_policy", reader_gid_seq: [gid(2), gid(3)], writer_gid_seq: [] }],
  ["rmw_dds_common/msg/ParticipantEntitiesInfo", "two nodes", {
    gid: gid(4), node_entities_info_seq: [
      { node_namespace: "/arm", node_name: "policy", reader_gid_seq: [gid(5)], writer_gid_seq: [gid(6), gid(7)] },
      { node_namespace: "/", node_name: "n".repeat(256), reader_gid_seq: [], writer_gid_seq: [] },
    ],
  }],
  ["vla_ros_node/msg/PolicyStatus", "commanded", {
    header: header(""), step: 12345678901n, commanded: true, fault: "", hold_sent: false, decoding_mode: "heisd", precision: "fp32",
    branch: "retrieval", target_passes: 1, drafter_passes: 0, draft_tokens_proposed: 35, draft_tokens_accepted: 7,
    accepted_length: 7, skipped_verifications: 0, kalman_fills: 0,
    image_decode_ms: 0.25, preprocess_ms: 0.5, vision_ms: 3.25, prompt_ms: 0.125, decode_ms: 12.5, target_ms: 11.25, draft_ms: 0,
    retrieval_ms: 0.03125, action_ms: 0.0625, ik_ms: 0.75,
    total_ms: 17.4375, observation_age_s: 0.012, images_dropped: 3n, action: Float32Array.of(0.5, -0.25, 1, 0, -1, 0.125, 1),
    ik_position_error: 1e-7, velocity_scale: 1,
  }],
  ["vla_ros_node/msg/PolicyStatus", "holding", {
    header: header(""), step: 0n, commanded: false, fault: "observation is 0.731 s old", hold_sent: true, decoding_mode: "", precision: "",
    branch: "", target_passes: 0, drafter_passes: 0, draft_tokens_proposed: 0, draft_tokens_accepted: 0,
    accepted_length: 0, skipped_verifications: 0, kalman_fills: 0,
    image_decode_ms: 0, preprocess_ms: 0, vision_ms: 0, prompt_ms: 0, decode_ms: 0, target_ms: 0, draft_ms: 0, retrieval_ms: 0,
    action_ms: 0, ik_ms: 0,
    total_ms: 0, observation_age_s: 0.731, images_dropped: 0n, action: new Float32Array(0), ik_position_error: 0, velocity_scale: 0,
  }],
  ["rcl_interfaces/msg/ParameterValue", "double", { type: 3, double_value: 0.5 }],
  ["rcl_interfaces/msg/ParameterValue", "arrays", {
    type: 7, bool_value: true, integer_value: -9007199254740993n, string_value: "ab", byte_array_value: bytes(5),
    bool_array_value: [true, false, true], integer_array_value: BigInt64Array.of(-1n, 0n, 9223372036854775807n),
    double_array_value: doubles(3), string_array_value: ["a", "", "bc"],
  }],
  ["rcl_interfaces/msg/Parameter", "integer", { name: "camera.gain", value: { type: 2, integer_value: 4n } }],
  ["rcl_interfaces/msg/FloatingPointRange", "values", { from_value: -0.5, to_value: 1e300, step: 0.25 }],
  ["rcl_interfaces/msg/IntegerRange", "values", { from_value: -10n, to_value: 1000n, step: 18446744073709551615n }],
  ["rcl_interfaces/msg/ParameterDescriptor", "double with range", {
    name: "gain", type: 3, description: "controller gain", additional_constraints: "", read_only: true, dynamic_typing: false,
    floating_point_range: [{ from_value: 0, to_value: 1, step: 0.25 }], integer_range: [],
  }],
  ["rcl_interfaces/msg/ParameterDescriptor", "defaults", {}],
  ["rcl_interfaces/msg/SetParametersResult", "refused", { successful: false, reason: "parameter 'frame' cannot be set because it is read-only" }],
  ["rcl_interfaces/msg/ListParametersResult", "values", { names: ["camera.gain", "use_sim_time"], prefixes: ["camera"] }],
  ["rcl_interfaces/msg/ParameterEvent", "changed", {
    stamp, node: "/arm/policy", new_parameters: [], changed_parameters: [{ name: "gain", value: {
      type: 3, bool_value: false, integer_value: 0n, double_value: 0.75, string_value: "", byte_array_value: new Uint8Array(0),
      bool_array_value: [], integer_array_value: new BigInt64Array(0), double_array_value: new Float64Array(0), string_array_value: [],
    } }],
    deleted_parameters: [],
  }],
  ["rcl_interfaces/msg/Log", "warning", { stamp, level: 30, name: "arm.policy", msg: "joint elbow near its limit", file: "", function: "", line: 0 }],
  ["rcl_interfaces/msg/Log", "unicode", { stamp, level: 20, name: "n", msg: unicode, file: "a.cs", function: "Run", line: 4294967295 }],
].map(([type, name, value]) => ({ type, name, value }));
