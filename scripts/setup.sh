#!/usr/bin/env bash
# Installs what the build, the tests and the nodes need on Debian 12 (with the .NET SDK already there),
# then builds the native parts. Idempotent and quiet when everything is present; run as root or with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages, by purpose. Only missing ones are installed.
DEBS=(
  ca-certificates               # HTTPS to the NuGet and npm registries (a tarball .NET SDK does not bring it)
  cmake make gcc g++ pkg-config # native shim build (cmake only recommends make, which --no-install-recommends leaves out)
  cyclonedds-dev libddsc0debian # Cyclone DDS 0.10.2: the ROS 2 transport (src/native)
  cyclonedds-tools              # ddsperf: the native reference in `vla bench dds`
  libfastrtps-dev libfastcdr-dev fastddsgen  # Fast DDS peer of the cross-vendor tests
  python3                       # /usr/bin/python3: the Python cross-checks and tools/train (the debian:12 image has none)
  python3-numpy python3-pil     # independent readers of the simulator's .npz datasets and PNG frames (tests)
  python3-torch python3-onnx python3-yaml   # tools/train: training, export, its tests
  xz-utils                      # vla_train.pack: the .tar.xz it carries to a GPU machine (and its test)
  libopenblas0-pthread          # an optimised BLAS for Debian's torch (its default reference BLAS is ~9x slower)
)
# Node.js + npm run the independent cross-checks (@foxglove/*, @mcap/*). Debian's nodejs only where no node is installed.
command -v node >/dev/null 2>&1 || DEBS+=(nodejs npm)

missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Cyclone DDS shim (src/native) -> build/native/libvla_dds_shim.so, copied next to the assemblies
# by src/VlaRosNode.Ros2's build.
cmake -S src/native -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native >/dev/null
