#!/usr/bin/env bash
# Runs every test: installs what is missing (scripts/setup.sh), builds, then runs the NUnit suites.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
dotnet build VlaRosNode.sln -c Release -nologo -v quiet
dotnet test VlaRosNode.sln -c Release --no-build -nologo "$@"
