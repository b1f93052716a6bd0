#!/usr/bin/env bash
# Installs everything nd needs on Debian 12, from Debian's own packages. Idempotent:
# packages already present are left alone, so a second run costs one dpkg query.
set -euo pipefail

packages=(
  cmake ninja-build g++ git
  clang-19 clang-tidy-19 clang-tools-19 clangd-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev llvm-19-tools
  libclang-rt-19-dev
  libhwy-dev libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy
  neovim
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
