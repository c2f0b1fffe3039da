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

# every family is one directory: converted-drivers/<family>/family.conf
FAMILIES ?= $(patsubst converted-drivers/%/family.conf,%,$(sort $(wildcard converted-drivers/*/family.conf)))
VARIANTS ?= legacy converted
KERNELS ?=

.PHONY: all deps build convert audit regen verify check check-2.4 bench clean matrix modref unit

# The modref program (src/, one file per stage; see HACKING.md).
CC ?= cc
MODREF_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
	$(shell pkg-config --cflags json-c 2>/dev/null)
MODREF_LIBS := $(shell pkg-config --libs json-c 2>/dev/null || echo -ljson-c)
MODREF_SRCS := $(filter-out src/main.c,$(wildcard src/*.c))
MODREF_OBJS := $(patsubst src/%.c,build/obj/%.o,$(MODREF_SRCS))
MODREF := build/bin/modref

all: deps modref
	@scripts/modref-all

modref: $(MODREF)

build/obj/%.o: src/%.c src/modref.h src/group.h src/run.h
	@mkdir -p build/obj
	$(CC) $(MODREF_CFLAGS) $(CFLAGS) -c -o $@ $<

# the verify host side (ktap.c oracle.c junit.c verify.c) and main.c
build/obj/main.o $(MODREF_OBJS): src/verify.h verify/oracle-strings.h

$(MODREF): build/obj/main.o $(MODREF_OBJS)
	@mkdir -p build/bin
	$(CC) $(LDFLAGS) -o $@ $^ $(MODREF_LIBS)

# C unit tests (cmocka), run by tests/t-unit.sh
UNIT_TESTS := $(patsubst tests/unit/%.c,build/unit/%,$(wildcard tests/unit/test_*.c))
build/unit/%: tests/unit/%.c $(MODREF_OBJS)
	@mkdir -p build/unit
	$(CC) $(MODREF_CFLAGS) -Isrc -o $@ $^ $(MODREF_LIBS) -lcmocka

unit: $(UNIT_TESTS)

deps:
	@scripts/deps.sh

# build/<release>/<variant>/<family>/*.ko for every selected kernel.
build:
	@scripts/build-all.sh "$(KERNELS)" "$(VARIANTS)" "$(FAMILIES)"

# SRC, OUT, TARGET and JOBS reach the program through the environment
# (make exports command-line variables), never through a shell command
# line: a name with a quote, a backtick or a $ is never expanded.
convert: $(MODREF)
	@$(MODREF) convert $${TARGET:+--target "$$TARGET"} $${JOBS:+-j "$$JOBS"} -- "$$SRC" "$$OUT"

audit: $(MODREF)
	@$(MODREF) audit $${JOBS:+-j "$$JOBS"} -- "$$SRC" "$$OUT"

# Regenerate converted-drivers/*/patches and converted/ from legacy/
# (tests/t-regen.sh fails on any difference).
regen:
	@scripts/regen-converted $(FAMILIES)

verify:
	@KERNELS="$(KERNELS)" FAMILIES="$(FAMILIES)" VARIANTS="$(VARIANTS)" \
	 $(if $(CYCLES),CYCLES="$(CYCLES)") $(if $(JOBS),JOBS="$(JOBS)") verify/run

check:
	@tests/run

# Converted drivers still build on Linux 2.4: every module .c file of a 2.4
# tree (default: the shared 2.4.31 tarball) syntax-checked before and after
# conversion; TREE=<2.4 tree or .tar.xz>.  Heavy: run it under the CPU lock.
check-2.4: $(MODREF)
	@compat/tests/linux-2.4/check-2.4 $${TREE:+"$$TREE"}

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
