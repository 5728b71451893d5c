#!/usr/bin/env bash
# Runs every test: installs what is missing (scripts/setup.sh), builds, then runs the NUnit suites.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
(cd tests/bag-crosscheck && npm ci --no-audit --no-fund --loglevel=error)   # @mcap/core etc. for the bag cross-checks
(cd tests/messages-crosscheck && npm ci --no-audit --no-fund --loglevel=error)   # @foxglove/rosmsg2-serialization for the CDR cross-checks
dotnet build VlaRosNode.sln -c Release -nologo -v quiet
dotnet test VlaRosNode.sln -c Release --no-build -nologo "$@"
(cd tools/train && /usr/bin/python3 -W ignore -m unittest discover -q -s tests -t .)   # trainer and exporter (tools/train)
