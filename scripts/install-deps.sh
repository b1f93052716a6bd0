#!/usr/bin/env bash
# Installs everything nd needs on Debian 12, from Debian's own packages. Idempotent:
# packages already present are left alone, so a second run costs one dpkg query.
#
#   scripts/install-deps.sh [LLVM_MAJOR...]
#
# The arguments are the LLVM major versions to install the clang toolchain of (clang,
# clang-tidy, clangd and the libraries the checks link); default 19. The test command
# installs both supported versions: scripts/install-deps.sh 19 22.
set -euo pipefail

supported_llvm_versions=(19 22)
llvm_versions=("$@")
if ((${#llvm_versions[@]} == 0)); then
  llvm_versions=(19)
fi

packages=(cmake ninja-build g++ git)
# dpkg-shlibdeps: the Depends of the Debian package (`--target package`, ctest -L package).
packages+=(dpkg-dev)
for v in "${llvm_versions[@]}"; do
  if [[ " ${supported_llvm_versions[*]} " != *" $v "* ]]; then
    echo "nd: LLVM '$v' is not supported (supported: ${supported_llvm_versions[*]})" >&2
    exit 2
  fi
  packages+=(clang-$v clang-tidy-$v clang-tools-$v clangd-$v libclang-$v-dev
             libclang-cpp$v-dev llvm-$v-dev llvm-$v-tools libclang-rt-$v-dev)
done
packages+=(
  libhwy-dev libgtest-dev libgmock-dev libbenchmark-dev
  # The runtime's linear algebra (CBLAS and LAPACKE); libopenblas0 also makes NumPy,
  # through Debian's libblas.so.3 alternative, use OpenBLAS rather than the reference
  # BLAS, so the benchmarks compare nd with NumPy as users run it.
  libopenblas-dev liblapacke-dev libopenblas0
  python3 python3-numpy
  # Peers of bench/fusion only (bench-fusion): nothing else uses them.
  libeigen3-dev xtensor-dev python3-numexpr
  neovim
  # nd-tidy --cache-url's HTTP client, and the WebDAV store (nginx-light) that its lit
  # tests start.
  libcurl4-openssl-dev nginx-light
  # test/format: the sources against their .clang-format, with this pinned version.
  clang-format-19
)
# Node.js and npm: the SARIF schema validator of the lit suite (test/sarif/, npm ci).
# Skipped when npm is already there (e.g. NodeSource's nodejs, which bundles npm and
# conflicts with Debian's npm package).
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "nd: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "nd: all dependencies are installed"
fi
