#!/bin/sh
# need.sh CMD PACKAGE [CMD PACKAGE ...]: fail with a one-line reason when a
# command a target needs is missing, naming the package `make deps` installs.
set -eu
while [ $# -ge 2 ]; do
	if ! command -v "$1" >/dev/null 2>&1 && [ ! -e "$1" ]; then
		echo "modref: $1 not found (Debian package $2); run 'make deps'" >&2
		exit 1
	fi
	shift 2
done
