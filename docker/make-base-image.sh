#!/usr/bin/env bash
# Makes a local Debian 12 base image for docker/Dockerfile when no registry
# is reachable (so `FROM debian:bookworm-slim` cannot be pulled): a minbase
# debootstrap of bookworm, imported as a docker image.
#
# Usage (as root, with debootstrap and a running docker engine):
#   docker/make-base-image.sh [IMAGE_NAME] [MIRROR]
#   docker build --build-arg BASE=claimcheck-base:bookworm -f docker/Dockerfile -t claimcheck .
set -euo pipefail

name="${1:-claimcheck-base:bookworm}"
mirror="${2:-http://deb.debian.org/debian}"

if [[ $(id -u) -ne 0 ]]; then
  echo "make-base-image: debootstrap needs root" >&2
  exit 1
fi
command -v debootstrap >/dev/null || { echo "apt-get install debootstrap" >&2; exit 1; }
command -v docker >/dev/null || { echo "apt-get install docker.io" >&2; exit 1; }

rootfs="$(mktemp -d "${TMPDIR:-/tmp}/claimcheck-rootfs-XXXXXX")"
trap 'rm -rf "${rootfs}"' EXIT

debootstrap --variant=minbase bookworm "${rootfs}" "${mirror}"
# Same sources as debian:bookworm-slim: main, updates and security.
cat >"${rootfs}/etc/apt/sources.list" <<SOURCES
deb ${mirror} bookworm main
deb ${mirror} bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
# Like the slim images: no apt caches or package lists in the layer.
rm -rf "${rootfs}"/var/cache/apt/archives/*.deb "${rootfs}"/var/lib/apt/lists/*

tar -C "${rootfs}" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["bash"]' - "${name}"
echo "made ${name}"
