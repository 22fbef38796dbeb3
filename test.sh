#!/usr/bin/env bash
# The one test command: installs what a fresh Debian machine lacks (as root, with apt), says exactly
# what is missing otherwise, then runs every test project. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v git >/dev/null || missing+=(git)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || [ -n "${GITOPS_TEST_POSTGRES:-}" ] || missing+=(postgresql)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v kubectl >/dev/null || echo "test.sh: kubectl is not on PATH (Debian has no package for it): the kubectl end-to-end tests will fail; install kubectl v1.32" >&2

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "test.sh: missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run this script as root on Debian" >&2
    exit 1
  fi
fi

# The Git tests commit; a machine with no Git identity gets one for this user.
git config --global user.email >/dev/null 2>&1 || git config --global user.email "tests@gitops.local"
git config --global user.name >/dev/null 2>&1 || git config --global user.name "GitOps tests"

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK is not on PATH; install it first (https://dot.net)" >&2; exit 1; }
exec dotnet test GitOps.sln "$@" 2>&1
