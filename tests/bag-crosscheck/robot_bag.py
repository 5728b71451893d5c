#!/usr/bin/env python3
"""An independent writer of a robot recording as a rosbag2 sqlite3 bag (Humble schema), with hand-written CDR and
only Python's standard library (and Pillow for compressed images): two cameras, joint states at five times the
camera rate, an instruction (std_msgs/String) and the command sent after each frame
(trajectory_msgs/JointTrajectory).

usage: robot_bag.py OUT.db3 FRAMES FRONT_ENCODING WRIST_ENCODING
An encoding is a sensor_msgs/Image encoding (rgb8, bgr8, rgba8, bgra8, mono8, or any other name, written as 3-byte
pixels), jpeg or png (sensor_msgs/CompressedImage on TOPIC/compressed, as image_transport's compressed plugin names
it, encoded by Pillow), or none (no such camera in the bag).
Prints, as JSON, what a reader must find at each frame: the images converted to RGB (base64; Pillow's own decoding
for compressed ones, null for none), the arm joints and the commanded joints.
"""
import base64
import io
import json
import math
import sqlite3
import struct
import sys

from sqlite_bag import HUMBLE_QOS, HUMBLE_SCHEMA

ARM = [f"panda_joint{i}" for i in range(1, 8)]
READY = [0.0, -math.pi / 4, 0.0, -3 * math.pi / 4, 0.0, math.pi / 2, math.pi / 4]
WIDTH, HEIGHT = 8, 6
CAMERA_PERIOD = 100_000_000  # 10 Hz
BASE = 1_700_000_000_000_000_000
CHANNELS = {"rgb8": 3, "bgr8": 3, "rgba8": 4, "bgra8": 4, "mono8": 1}
COMPRESSED = ("jpeg", "png")


class Cdr:
    """XCDR1 little endian: the 4-byte encapsulation header, then fields aligned to their size from after it."""

    def __init__(self):
        self.body = bytearray()

    def align(self, n):
        self.body += b"\0" * (-len(self.body) % n)

    def put(self, fmt, value):
        size = struct.calcsize("<" + fmt)
        self.align(size)
        self.body += struct.pack("<" + fmt, value)

    def string(self, text):
        raw = text.encode() + b"\0"
        self.put("I", len(raw))
        self.body += raw

    def doubles(self, values):
        self.put("I", len(values))
        for v in values:
            self.put("d", v)

    def strings(self, values):
        self.put("I", len(values))
        for v in values:
            self.string(v)

    def header(self, stamp, frame):
        self.put("i", stamp // 1_000_000_000)
        self.put("I", stamp % 1_000_000_000)
        self.string(frame)

    def bytes(self):
        return b"\x00\x01\x00\x00" + bytes(self.body)


def joints_at(t):
    """A smooth motion around the Panda's ready pose."""
    return [q + 0.05 * math.sin(1.3 * t + k) for k, q in enumerate(READY)]


def pixel(camera, frame, x, y, c):
    return (x * 29 + y * 13 + frame * 7 + c * 71 + camera * 101) % 256


def smooth_pixel(camera, frame, x, y):
    """Gentle gradients, as a camera mostly sees (ImageDecoderTests' JPEG picture): 4:2:0 decoders differ most where
    colour changes fast (libjpeg interpolates chroma, others replicate it)."""
    return 20 + 6 * x + 5 * (frame % 10) + 60 * camera, 30 + 10 * y, 40 + 3 * (x + y)


def image(camera, frame, stamp, encoding):
    """Returns the CDR and the RGB bytes a reader must produce. Rows are padded by 3 bytes (step > width * channels)."""
    channels = CHANNELS.get(encoding, 3)
    step = WIDTH * channels + 3
    data, rgb = bytearray(), bytearray()
    for y in range(HEIGHT):
        row = bytearray()
        for x in range(WIDTH):
            r, g, b = (pixel(camera, frame, x, y, c) for c in range(3))
            if encoding == "mono8":
                row.append(r)
                rgb += bytes([r, r, r])
                continue
            row += bytes([b, g, r] if encoding.startswith("bgr") else [r, g, b])
            if channels == 4:
                row.append(255)
            rgb += bytes([r, g, b])
        data += row + b"\xee" * 3
    m = Cdr()
    m.header(stamp, f"camera{camera}")
    m.put("I", HEIGHT)
    m.put("I", WIDTH)
    m.string(encoding)
    m.put("B", 0)
    m.put("I", step)
    m.put("I", len(data))
    m.body += data
    return m.bytes(), base64.b64encode(rgb).decode()


def compressed(camera, frame, stamp, encoding):
    """Returns the CDR of a CompressedImage (format as image_transport writes it) and Pillow's RGB decoding of it."""
    from PIL import Image  # only here: raw images need nothing outside the standard library

    picture = Image.new("RGB", (WIDTH, HEIGHT))
    picture.putdata([smooth_pixel(camera, frame, x, y) for y in range(HEIGHT) for x in range(WIDTH)])
    encoded = io.BytesIO()
    if encoding == "jpeg":
        picture.save(encoded, "JPEG", quality=90, subsampling=2)  # 4:2:0 like OpenCV's encoder in image_transport
    else:
        picture.save(encoded, "PNG")
    data = encoded.getvalue()
    m = Cdr()
    m.header(stamp, f"camera{camera}")
    m.string(f"bgr8; {encoding} compressed bgr8")
    m.put("I", len(data))
    m.body += data
    return m.bytes(), base64.b64encode(Image.open(io.BytesIO(data)).convert("RGB").tobytes()).decode()


def camera_message(camera, frame, stamp, encoding):
    return (compressed if encoding in COMPRESSED else image)(camera, frame, stamp, encoding)


def camera_topic(name, encoding):
    """The topic and type a camera of this encoding is recorded on."""
    if encoding in COMPRESSED:
        return name + "/compressed", "sensor_msgs/msg/CompressedImage"
    return name, "sensor_msgs/msg/Image"


def joint_state(stamp, positions):
    m = Cdr()
    m.header(stamp, "panda_link0")
    m.strings(list(reversed(ARM)) + ["panda_finger_joint1"])  # any order: readers match by name
    m.doubles(list(reversed(positions)) + [0.04])
    m.doubles([])
    m.doubles([])
    return m.bytes()


def command(targets, finger):
    m = Cdr()
    m.header(0, "")
    m.strings(ARM + ["panda_finger_joint1"])
    m.put("I", 1)  # one point
    m.doubles(targets + [finger])
    for _ in range(3):  # velocities, accelerations, effort
        m.doubles([])
    m.put("i", 0)
    m.put("I", 50_000_000)
    return m.bytes()


def text(value):
    m = Cdr()
    m.string(value)
    return m.bytes()


def main(out, frames, front_encoding, wrist_encoding):
    db = sqlite3.connect(out)
    for statement in HUMBLE_SCHEMA:
        db.execute(statement)
    db.execute("INSERT INTO schema VALUES (3, 'humble')")
    cameras = [(camera, encoding, *camera_topic(name, encoding))
               for camera, (name, encoding) in enumerate([("/front/image_raw", front_encoding), ("/wrist/image_raw", wrist_encoding)])
               if encoding != "none"]
    topics = {topic: type_name for _, _, topic, type_name in cameras}
    topics.update({"/joint_states": "sensor_msgs/msg/JointState", "/task": "std_msgs/msg/String",
                   "/arm/command": "trajectory_msgs/msg/JointTrajectory"})
    ids = {}
    for name, type_name in topics.items():
        cursor = db.execute("INSERT INTO topics(name, type, serialization_format, offered_qos_profiles) VALUES (?, ?, 'cdr', ?)",
                            (name, type_name, HUMBLE_QOS))
        ids[name] = cursor.lastrowid

    def write(topic, log_time, data):
        db.execute("INSERT INTO messages(topic_id, timestamp, data) VALUES (?, ?, ?)", (ids[topic], log_time, data))

    instruction = "put the red cube in the bowl"
    write("/task", BASE - 1_000_000, text(instruction))
    expected = []
    for frame in range(frames):
        stamp = BASE + frame * CAMERA_PERIOD
        for k in range(5):  # joint states at 50 Hz, one exactly at the frame's stamp
            t = stamp + k * CAMERA_PERIOD // 5
            write("/joint_states", t + 1_000_000, joint_state(t, joints_at((t - BASE) / 1e9)))
        rgb = [None, None]
        for camera, encoding, topic, _ in cameras:
            data, rgb[camera] = camera_message(camera, frame, stamp, encoding)
            write(topic, stamp + (2 + camera) * 1_000_000, data)
        q = joints_at(frame * CAMERA_PERIOD / 1e9)
        target = joints_at((frame + 1) * CAMERA_PERIOD / 1e9)
        finger = 0.0 if frame >= frames // 2 else 0.04  # the gripper closes half way
        write("/arm/command", stamp + 40_000_000, command(target, finger))
        expected.append({"front": rgb[0], "wrist": rgb[1], "joints": q, "target": target, "finger": finger})
    db.commit()
    db.close()
    print(json.dumps({"instruction": instruction, "width": WIDTH, "height": HEIGHT, "frames": expected}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4])
