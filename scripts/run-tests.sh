#!/usr/bin/env bash
# Every test, on a fresh Debian 12 machine: install the dependencies, build everything
# in Release and run ctest (the runtime's GoogleTest suites, the NumPy differential
# tests, and the lit suite: checks through the clang-tidy plugin and nd-tidy, fix-it
# round trips, nd-clangd over LSP); then build the checks and front ends again for
# LLVM 22 and run the lit suite and the package tests with them (the runtime's own suites
# and the lit tests of nd-tidy's version-independent logic need not run twice); then build the runtime and its tests with ASan+UBSan and run
# ctest again; then build the runtime's unit tests with ThreadSanitizer and run them on
# several threads. Exits non-zero if anything failed.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
release="${ND_BUILD_DIR:-$repo/build-release}"
llvm22="${ND_LLVM22_BUILD_DIR:-$repo/build-llvm22}"
sanitize="${ND_SANITIZE_BUILD_DIR:-$repo/build-asan}"
tsan="${ND_TSAN_BUILD_DIR:-$repo/build-tsan}"

# Each phase's wall time goes into the summary: CI's budget is an hour.
phase_start=$SECONDS
times=()
phase_done() { times+=("$1: $((SECONDS - phase_start)) s"); phase_start=$SECONDS; }

bash "$repo/scripts/install-deps.sh" 19 22 || exit 1
phase_done "dependencies"

# One build tree: configure with the Clang of the given LLVM major version, build with
# two jobs, run its tests. Prints ctest's summary.
build_and_test() {
  local dir="$1" llvm="$2"; shift 2
  local start=$SECONDS
  cmake -S "$repo" -B "$dir" -G Ninja -DND_LLVM_VERSION="$llvm" \
    -DCMAKE_C_COMPILER="clang-$llvm" -DCMAKE_CXX_COMPILER="clang++-$llvm" "$@" &&
    cmake --build "$dir" -j2 &&
    { echo "== built in $((SECONDS - start)) s"; start=$SECONDS; } &&
    ctest --test-dir "$dir" --output-on-failure -j2 --timeout 1800
  local status=$?
  echo "== tested in $((SECONDS - start)) s"
  return $status
}

echo "==== Release build: runtime, checks, plugin, nd-tidy, nd-clangd; all tests"
build_and_test "$release" 19 -DCMAKE_BUILD_TYPE=Release
release_status=$?
phase_done "release"

# The package tests of this tree also install the LLVM 19 tree beside it into one prefix.
# Its lit run leaves out the tests of nd-tidy's own logic, which the release tree ran and
# no LLVM version changes (ND_LIT_VERSION_SENSITIVE_ONLY, test/lit/lit.cfg.py), and does
# not build and run again the round trips whose programs the release tree passed, byte for
# byte the same (ND_LIT_ROUND_TRIP_REFERENCE, test/lit/round_trips.py).
echo "==== LLVM 22 build: checks, plugin, nd-tidy, nd-clangd; lit and package tests"
build_and_test "$llvm22" 22 -DCMAKE_BUILD_TYPE=Release -DND_BUILD_RUNTIME_TESTS=OFF \
  -DND_BUILD_BENCH=OFF -DND_PACKAGE_OTHER_BUILD_DIR="$release" -DND_LIT_VERSION_SENSITIVE_ONLY=ON \
  -DND_LIT_ROUND_TRIP_REFERENCE="$release/test/lit"
llvm22_status=$?
phase_done "LLVM 22"

echo "==== ASan+UBSan build: runtime and its tests"
build_and_test "$sanitize" 19 -DCMAKE_BUILD_TYPE=RelWithDebInfo -DND_SANITIZE=ON \
  -DND_BUILD_CHECKS=OFF -DND_BUILD_BENCH=OFF
sanitize_status=$?
phase_done "ASan+UBSan"

echo "==== ThreadSanitizer build: the runtime's unit tests, threaded"
# ND_PARALLEL_GRAIN=64 splits even the tests' small arrays among the threads.
cmake -S "$repo" -B "$tsan" -G Ninja -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DND_SANITIZE_THREAD=ON -DND_BUILD_CHECKS=OFF -DND_BUILD_BENCH=OFF &&
  cmake --build "$tsan" -j2 --target nd_runtime_tests &&
  TSAN_OPTIONS=halt_on_error=1:allocator_may_return_null=1 ND_NUM_THREADS=3 ND_PARALLEL_GRAIN=64 "$tsan/test/runtime/nd_runtime_tests" --gtest_brief=1
tsan_status=$?
phase_done "TSan"

result() { [ "$1" -eq 0 ] && echo passed || echo FAILED; }
echo "==== Summary"
echo "release build and tests (LLVM 19): $(result $release_status)"
echo "LLVM 22 build, lit and package:    $(result $llvm22_status)"
echo "ASan+UBSan build and tests:        $(result $sanitize_status)"
echo "TSan build and tests:              $(result $tsan_status)"
printf 'wall time, %s\n' "${times[@]}" "total: $SECONDS s"
[ $release_status -eq 0 ] && [ $llvm22_status -eq 0 ] && [ $sanitize_status -eq 0 ] && [ $tsan_status -eq 0 ]
