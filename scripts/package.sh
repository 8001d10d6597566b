#!/usr/bin/env bash
# Builds the deployable Azure Functions package for the custom handler:
#   host.json, one folder per function (function.json) and handler/ (the self-contained linux-x64 handler),
# zipped with the handler's executable bit set inside the zip, because Flex Consumption mounts the package
# read-only and cannot chmod it. azd's prepackage hook runs this; see docs/deployment.md.
#
# Usage: scripts/package.sh [--output PATH.zip] [--build-dir DIR] [--no-ready-to-run]
#   --output     where to write the zip (default artifacts/package/citizen-services.zip)
#   --build-dir  MSBuild artifacts folder (default artifacts/package-build). Kept apart from the projects' own
#                bin/ and obj/ so a RID-specific restore never rewrites the obj/ that other builds are using.
#   --no-ready-to-run  skip ReadyToRun compilation (faster publish, slower cold start)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

output="$root/artifacts/package/citizen-services.zip"
build_dir="$root/artifacts/package-build"
ready_to_run=true
while [ $# -gt 0 ]; do
  case "$1" in
    --output) output=$(realpath -m "$2"); shift 2 ;;
    --build-dir) build_dir=$(realpath -m "$2"); shift 2 ;;
    --no-ready-to-run) ready_to_run=false; shift ;;
    *) echo "Unknown argument: $1" >&2; exit 2 ;;
  esac
done

# The executable path the Functions host starts, read from host.json so the two cannot disagree.
handler_path=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["customHandler"]["description"]["defaultExecutablePath"])' host.json)
handler_dir=$(dirname "$handler_path")

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Self-contained: Flex Consumption's `custom` runtime provides no .NET runtime. ReadyToRun shortens cold starts,
# which every scale-out from zero pays. No analyzers: they ran on these sources in the build and the tests (warnings
# are errors there); a second pass for another runtime finds nothing new and took a third of the publish's CPU.
dotnet publish functions/CitizenServices.Functions/CitizenServices.Functions.csproj \
  --configuration Release --runtime linux-x64 --self-contained \
  -p:PublishReadyToRun="$ready_to_run" -p:RunAnalyzers=false \
  --artifacts-path "$build_dir" --output "$stage/$handler_dir" --nologo

if [ ! -x "$stage/$handler_path" ]; then
  echo "Publish did not produce the executable host.json names: $handler_path" >&2
  exit 1
fi

cp host.json "$stage/"
count=0
for definition in functions/definitions/*/; do
  [ -f "$definition/function.json" ] || continue
  cp -R "$definition" "$stage/$(basename "$definition")"
  count=$((count + 1))
done
if [ "$count" -eq 0 ]; then
  echo "No function definitions found under functions/definitions/" >&2
  exit 1
fi

mkdir -p "$(dirname "$output")"
rm -f "$output"
# Python's zipfile rather than `zip`, so the mode bits in each entry's external attributes are set explicitly
# instead of depending on how the file system and umask left them.
python3 - "$stage" "$output" "$handler_path" <<'PY'
import os, stat, sys, zipfile
stage, output, handler = sys.argv[1], sys.argv[2], sys.argv[3]
with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
    for directory, dirs, files in os.walk(stage):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            entry = os.path.relpath(path, stage).replace(os.sep, "/")
            info = zipfile.ZipInfo.from_file(path, entry)
            executable = entry == handler or os.stat(path).st_mode & stat.S_IXUSR
            mode = 0o755 if executable else 0o644
            # Upper 16 bits: Unix mode, including the regular-file type; create_system 3 = Unix, so unzip and
            # the Functions host honour it.
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as source:
                archive.writestr(info, source.read(), compresslevel=6)
PY

echo "Package: $output ($count function(s), handler $handler_path)"
