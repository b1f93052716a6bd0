#!/usr/bin/env bash
# The main job, on a fresh Debian 12 machine: install the dependencies, build nd-tidy
# in Release, run the nd checks on the article's three slow forms (docs/examples/),
# printing each diagnostic with its fix-it, and show each fixed file as a diff.
# The fixes are applied to copies in the build directory, never to docs/examples/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${ND_BUILD_DIR:-$repo/build-release}"

bash "$repo/scripts/install-deps.sh"
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19
cmake --build "$build" -j2 --target nd-tidy

work="$build/examples"
rm -rf "$work"
mkdir -p "$work"
cp "$repo"/docs/examples/*.cpp "$work"/

status=0
for fixed in "$work"/*.cpp; do
  name="$(basename "$fixed")"
  printf '\n==== nd-tidy docs/examples/%s\n' "$name"
  # nd-tidy takes every clang-tidy flag; here: only the nd checks, apply their fixes,
  # and compile as the runtime needs (after --).
  "$build/tool/nd-tidy/nd-tidy" --checks='-*,nd-*' --fix "$fixed" \
    -- -std=c++20 -I "$repo/runtime/include" || status=1
  printf '\n==== docs/examples/%s after the fixes\n' "$name"
  # diff exits 1 when the files differ, which is the point here.
  diff -u --label "docs/examples/$name" --label "docs/examples/$name (fixed)" \
    "$repo/docs/examples/$name" "$fixed" || true
done
exit $status
