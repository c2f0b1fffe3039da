# SPDX-License-Identifier: GPL-2.0
# modref: move drivers off the 2.4 module use-count API and prove it in QEMU.
#
#   make            install what is missing, convert, build and verify the
#                   bundled drivers, print the verdict table
#   make check      the whole test suite, ends with "N passed, N failed"
#
# See README.md and HOWTO.md.

SHELL := /bin/sh
TOP := $(CURDIR)

FAMILIES ?= busmouse hisax mtd netcore
VARIANTS ?= legacy converted
KERNELS ?=

.PHONY: all deps build convert audit regen verify check bench clean matrix

all: deps
	@scripts/modref-all

deps:
	@scripts/deps.sh

# build/<release>/<variant>/<family>/*.ko for every selected kernel.
build:
	@scripts/build-all.sh "$(KERNELS)" "$(VARIANTS)" "$(FAMILIES)"

convert:
	@scripts/modref-convert "$(SRC)" "$(OUT)"

audit:
	@scripts/modref-audit "$(SRC)" "$(OUT)"

# Regenerate converted-drivers/*/patches and converted/ from legacy/
# (tests/t-regen.sh fails on any difference).
regen:
	@scripts/regen-converted $(FAMILIES)

verify:
	@KERNELS="$(KERNELS)" FAMILIES="$(FAMILIES)" VARIANTS="$(VARIANTS)" \
	 $(if $(CYCLES),CYCLES="$(CYCLES)") $(if $(JOBS),JOBS="$(JOBS)") verify/run

check:
	@tests/run

bench:
	@bench/convert
	@bench/verify

# The verification matrix `make verify` knows (used by CI templates).
VERIFY_KERNELS := 6.1 6.12 debug
matrix:
	@echo "kernels: $(VERIFY_KERNELS)"
	@echo "families: $(patsubst converted-drivers/%/family.conf,%,$(sort $(wildcard converted-drivers/*/family.conf)))"

clean:
	rm -rf build
