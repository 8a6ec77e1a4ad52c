#!/usr/bin/env bash
# Photo pipeline benchmark (not part of the test suite):
#   bash bench/media.sh
# Generates a 24-megapixel camera-like JPEG, runs it through the blog's upload pipeline (decode, EXIF orientation,
# 480/960/1600/2400 px WebP and JPEG variants, location-stripped original), prints the processing time, and the bytes a
# 400 px wide phone downloads for a ten-photo post against the originals.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet run --project "$root/bench/MediaBench" --configuration Release
