#!/usr/bin/env bash
# Builds what the compose stack needs where no image registry is reachable, from Debian's apt mirror
# and this machine's .NET SDK:
#   local/debian:bookworm            debootstrap --variant=minbase from the mirror in /etc/apt/sources*
#   local/postgres:15                PostgreSQL 15 from that mirror (deploy/postgres/Dockerfile)
#   local/dotnet-runtime-deps:10.0   what a self-contained .NET app needs (ICU, OpenSSL, CA certificates)
# The Debian and runtime bases are reused when present. Then it publishes the silo and the node agent here, self-contained
# for linux-x64, into artifacts/docker/, and writes artifacts/docker/local.env, which makes
# deploy/Dockerfile.{silo,nodeagent} copy that output onto the local bases instead of using the SDK image:
#   deploy/build-local-images.sh && docker-compose --env-file artifacts/docker/local.env up --build
# With --bases-only it stops after the three base images (./test.sh does that, for the tests'
# PostgreSQL container). Needs docker, and root and debootstrap for the Debian base, and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
bases_only=false
case "${1:-}" in
  --bases-only) bases_only=true ;;
  "") ;;
  *) echo "usage: $0 [--bases-only]" >&2; exit 2 ;;
esac

out=artifacts/docker
debian=local/debian:bookworm
postgres=local/postgres:15
runtime=local/dotnet-runtime-deps:10.0

say() { echo "build-local-images: $*" >&2; }
has_image() { docker image inspect "$1" >/dev/null 2>&1; }

tools=(docker debootstrap)
$bases_only || tools+=(dotnet)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || { say "$tool is not on PATH; install it (apt-get install docker.io debootstrap; .NET from https://dot.net)"; exit 1; }
done
docker info >/dev/null 2>&1 || { say "no Docker engine answers; start one (as root: dockerd >/tmp/dockerd.log 2>&1 &)"; exit 1; }

# The first Debian mirror apt uses here, from either the one-line or the deb822 format.
mirror() {
  local uri
  uri=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | grep -v security | awk '{print $2}' | head -n1)
  [ -n "$uri" ] || uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | grep -v security | awk '{print $2}' | head -n1)
  echo "${uri:-http://deb.debian.org/debian}"
}

if ! has_image "$debian"; then
  [ "$(id -u)" -eq 0 ] || { say "$debian is missing and debootstrap needs root: run this script as root"; exit 1; }
  root=$(mktemp -d /tmp/gitops-debootstrap-XXXXXX)
  trap 'rm -rf "$root"' EXIT
  say "debootstrap bookworm from $(mirror) (about 35 s)"
  debootstrap --variant=minbase bookworm "$root" "$(mirror)" >"$root.log" 2>&1 || { tail -n 20 "$root.log" >&2; exit 1; }
  rm -f "$root.log"
  # The mirror the image's apt uses is the one debootstrap used.
  tar -C "$root" -c . | docker import --change 'CMD ["bash"]' - "$debian" >/dev/null
  rm -rf "$root"
  trap - EXIT
fi

# Built every time (from docker's cache when deploy/postgres is unchanged), so a changed entry point reaches machines that have the image.
say "building $postgres"
docker build -q -t "$postgres" --build-arg BASE_IMAGE="$debian" -f deploy/postgres/Dockerfile deploy/postgres >/dev/null

has_image "$runtime" || {
  say "building $runtime"
  docker build -q -t "$runtime" - >/dev/null <<DOCKERFILE
FROM $debian
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libicu72 libssl3 tzdata \
    && rm -rf /var/lib/apt/lists/*
DOCKERFILE
}

$bases_only && exit 0

# Published here, where the runtime packs come from the NuGet feed; intermediate files stay apart
# from the projects' own obj/ folders so a running build or test is not disturbed.
for app in Silo NodeAgent; do
  lower=${app,,}
  say "publishing $app to $out/$lower"
  rm -rf "${out:?}/$lower"
  dotnet publish "src/$app" -c Release -r linux-x64 --self-contained --artifacts-path "$out/build" -o "$out/$lower" -v q -nologo >/dev/null
done

cat > "$out/local.env" <<ENV
# Written by deploy/build-local-images.sh: build the stack's images on the local bases.
GITOPS_SDK_IMAGE=$debian
GITOPS_SILO_RUNTIME_IMAGE=$runtime
GITOPS_NODEAGENT_RUNTIME_IMAGE=$runtime
GITOPS_SILO_PUBLISHED=$out/silo
GITOPS_NODEAGENT_PUBLISHED=$out/nodeagent
GITOPS_POSTGRES_IMAGE=$postgres
ENV
say "done: docker-compose --env-file $out/local.env up --build"
