#!/usr/bin/env bash
# Every test, on a fresh Debian 12 machine: install the dependencies, build everything
# in Release and run ctest (the runtime's GoogleTest suites, the NumPy differential
# tests, and the lit suite: checks through the clang-tidy plugin and nd-tidy, fix-it
# round trips, nd-clangd over LSP); then build the runtime and its tests with
# ASan+UBSan and run ctest again; then build the runtime's unit tests with
# ThreadSanitizer and run them on several threads. Exits non-zero if anything failed.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
release="${ND_BUILD_DIR:-$repo/build-release}"
sanitize="${ND_SANITIZE_BUILD_DIR:-$repo/build-asan}"
tsan="${ND_TSAN_BUILD_DIR:-$repo/build-tsan}"

bash "$repo/scripts/install-deps.sh" || exit 1

# One build tree: configure, build with two jobs, run its tests. Prints ctest's summary.
build_and_test() {
  local dir="$1"; shift
  cmake -S "$repo" -B "$dir" -G Ninja \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 "$@" &&
    cmake --build "$dir" -j2 &&
    ctest --test-dir "$dir" --output-on-failure -j2 --timeout 1800
}

echo "==== Release build: runtime, checks, plugin, nd-tidy, nd-clangd; all tests"
build_and_test "$release" -DCMAKE_BUILD_TYPE=Release
release_status=$?

echo "==== ASan+UBSan build: runtime and its tests"
build_and_test "$sanitize" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DND_SANITIZE=ON \
  -DND_BUILD_CHECKS=OFF -DND_BUILD_BENCH=OFF
sanitize_status=$?

echo "==== ThreadSanitizer build: the runtime's unit tests, threaded"
# ND_PARALLEL_GRAIN=64 splits even the tests' small arrays among the threads.
cmake -S "$repo" -B "$tsan" -G Ninja -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DND_SANITIZE_THREAD=ON -DND_BUILD_CHECKS=OFF -DND_BUILD_BENCH=OFF &&
  cmake --build "$tsan" -j2 --target nd_runtime_tests &&
  TSAN_OPTIONS=halt_on_error=1 ND_NUM_THREADS=3 ND_PARALLEL_GRAIN=64 "$tsan/test/runtime/nd_runtime_tests" --gtest_brief=1
tsan_status=$?

echo "==== Summary"
echo "release build and tests:   $([ $release_status -eq 0 ] && echo passed || echo FAILED)"
echo "ASan+UBSan build and tests: $([ $sanitize_status -eq 0 ] && echo passed || echo FAILED)"
echo "TSan build and tests:       $([ $tsan_status -eq 0 ] && echo passed || echo FAILED)"
[ $release_status -eq 0 ] && [ $sanitize_status -eq 0 ] && [ $tsan_status -eq 0 ]
