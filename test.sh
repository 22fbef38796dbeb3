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
# The compose test and Testcontainers' PostgreSQL: a Docker engine, compose, and debootstrap for
# the local base images (deploy/build-local-images.sh) where no image registry is reachable.
command -v dockerd >/dev/null || [ -x /usr/sbin/dockerd ] || missing+=(docker.io)
command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || missing+=(docker-compose)
command -v debootstrap >/dev/null || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
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

# A Docker engine: started here (no systemd needed) when none answers.
if ! docker info >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: no Docker engine answers; start one (as root: dockerd >/tmp/dockerd.log 2>&1 &) or run this script as root" >&2
    exit 1
  fi
  echo "test.sh: starting dockerd (log: /tmp/gitops-dockerd.log)" >&2
  setsid /usr/sbin/dockerd >/tmp/gitops-dockerd.log 2>&1 </dev/null &
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { echo "test.sh: dockerd did not answer within 30 s; see /tmp/gitops-dockerd.log" >&2; tail -n 20 /tmp/gitops-dockerd.log >&2; exit 1; }
fi
# Testcontainers' client speaks a newer API than Debian's engine (20.10: 1.41) unless told, and its
# reaper image cannot be pulled without a registry: the tests remove their containers themselves.
export DOCKER_API_VERSION="${DOCKER_API_VERSION:-$(docker version --format '{{.Server.APIVersion}}')}"
export TESTCONTAINERS_RYUK_DISABLED=true
# The local base images (Debian, PostgreSQL 15 for the tests' containers, .NET runtime deps), built
# from the apt mirror, since no registry may be reachable: Debian and the runtime once, PostgreSQL
# from docker's cache when deploy/postgres is unchanged.
if [ "$(id -u)" -eq 0 ]; then
  deploy/build-local-images.sh --bases-only
fi
# What killed test runs left: PostgreSQL containers and compose projects of processes that are gone.
for container in $(docker ps -aq --filter label=gitops.test.pid); do
  pid=$(docker inspect --format '{{index .Config.Labels "gitops.test.pid"}}' "$container")
  [ -d "/proc/$pid" ] || docker rm -f -v "$container" >/dev/null
done
projects=$( { docker ps -a --format '{{.Label "com.docker.compose.project"}}'
  docker network ls --format '{{.Label "com.docker.compose.project"}}'
  docker volume ls --format '{{.Label "com.docker.compose.project"}}'; } | grep '^gitops-e2e-' | sort -u || true)
for project in $projects; do
  pid=${project#gitops-e2e-}; pid=${pid%%-*}
  [ -d "/proc/$pid" ] && continue
  docker ps -aq --filter "label=com.docker.compose.project=$project" | xargs -r docker rm -f -v >/dev/null
  docker network ls -q --filter "label=com.docker.compose.project=$project" | xargs -r docker network rm >/dev/null
  docker volume ls -q --filter "label=com.docker.compose.project=$project" | xargs -r docker volume rm >/dev/null
done

# The Git tests commit; a machine with no Git identity gets one for this user.
git config --global user.email >/dev/null 2>&1 || git config --global user.email "tests@gitops.local"
git config --global user.name >/dev/null 2>&1 || git config --global user.name "GitOps tests"

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK is not on PATH; install it first (https://dot.net)" >&2; exit 1; }
exec dotnet test GitOps.sln "$@" 2>&1
