#!/usr/bin/env bash
# Installs what ntsh needs to build and test on Debian, when it is missing: libedit-dev and
# pkg-config (apt, with sudo when not root), and pexpect for the terminal test.
set -euo pipefail

need_apt=()
dpkg -s libedit-dev >/dev/null 2>&1 || need_apt+=(libedit-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ "${1:-}" = "--test" ]; then
  command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "ntsh: installing ${need_apt[*]} with apt" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "${1:-}" = "--test" ] && ! python3 -c 'import pexpect' >/dev/null 2>&1; then
  echo "ntsh: installing pexpect for the terminal test" >&2
  python3 -m pip install -q pexpect 2>/dev/null || {
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-pexpect >/dev/null
  }
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "ntsh: the Swift toolchain (6.0 or later) is not on PATH; install it from https://www.swift.org/install/linux/ and retry." >&2
  exit 1
fi
