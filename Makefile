# mjournal - mentoring relationships as plain text in git.
#
#   make            build ./mjournal (the libraries must be there: make deps)
#   make deps       install the build dependencies from Debian's packages
#   make demo       build, then run mjournal on sample-program/
#   make check      build, then run every test (unit and end-to-end)
#   make check SAN=1   the same under AddressSanitizer and UBSan
#   make fresh      make demo and make check in a fresh Debian root, then
#                   the Debian package built, installed and run there (root)
#   make deb        the Debian package (dpkg-buildpackage, then lintian),
#                   left in dist/
#   make crash      every writer killed at random moments, CRASH_ROUNDS times
#   make soak       three clones share a journal through an https hub:
#                   SOAK_ROUNDS random rounds (300), SOAK_SEED to repeat one
#   make install    PREFIX=/usr/local DESTDIR=
#
# demo, check, deps and deb install missing build dependencies; plain make
# never runs apt-get.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man

# libical is loaded only by the agenda's calendar feed (src/ical.c), so
# that no other command pays for it and the ICU it brings at its start
PKGS = libgit2 libcmark inih yaml-0.1 jansson libcrypto zlib
DLOPEN_PKGS = libical
CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wvla -Wcast-qual -Wwrite-strings \
	-Wnull-dereference -Wimplicit-fallthrough -Wundef
ifeq ($(CI),true)
WARNINGS += -Werror
endif

ifeq ($(SAN),1)
VARIANT = san
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
else
VARIANT = default
SANFLAGS =
endif

BUILD = build/$(VARIANT)
BIN = $(if $(filter san,$(VARIANT)),$(BUILD)/mjournal,mjournal)

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(DLOPEN_PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DMJ_VERSION='"$(VERSION)"' -Iinclude -I$(BUILD) $(PKG_CFLAGS) $(WARNINGS) \
	$(SANFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LIBS = $(PKG_LIBS) -lcsv -lpthread -ldl

LIB_SRCS = $(filter-out src/main.c src/cmd_%.c src/cli.c src/cli_%.c, $(wildcard src/*.c))
CMD_SRCS = src/main.c src/cli.c $(wildcard src/cli_*.c src/cmd_*.c)
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/%.o) $(BUILD)/templates.o
CMD_OBJS = $(CMD_SRCS:src/%.c=$(BUILD)/%.o)

UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps check-deps deb deb-run demo demo-run check check-run crash crash-run soak soak-run fresh bench bench-run fuzz fuzz-build install uninstall clean

all: $(BIN) build/mjournal.1

# the man page is Markdown, rendered by cmark's own man renderer; code in
# font CR, not C, which groff 1.23 cannot select (as mj_doc_render does)
build/mjournal.1: docs/mjournal.1.md Makefile
	@mkdir -p build
	cmark -t man docs/mjournal.1.md >$@.body
	{ printf '.TH MJOURNAL 1 "" "mjournal $(VERSION)" "User Commands"\n'; \
	  sed 's/\\f\[C\]/\\f[CR]/g' $@.body; } >$@.tmp && rm -f $@.body && mv $@.tmp $@

deps:
	@tools/install-deps.sh build

check-deps:
	@tools/install-deps.sh check

$(BIN): $(LIB_OBJS) $(CMD_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# the commit mjournal --version names (tools/commit.sh), rewritten only
# when it changes, so that a new commit rebuilds main.o and cmd_report.o
# alone (a report's pages carry the build that made them)
$(BUILD)/mj_commit.h: FORCE | $(BUILD)
	@printf '#define MJ_COMMIT "%s"\n' "$$(tools/commit.sh)" >$@.tmp && \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/main.o $(BUILD)/cmd_report.o: $(BUILD)/mj_commit.h
FORCE:

$(BUILD)/templates.c: tools/embed-templates.sh $(wildcard templates/*) | $(BUILD)
	tools/embed-templates.sh templates > $@

# a template is one string: longer than the 4095 bytes C99 promises, which
# every compiler mjournal builds with takes
$(BUILD)/templates.o: $(BUILD)/templates.c
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS) | $(BUILD)
	@mkdir -p $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka) -o $@ $< \
		$(LIB_OBJS) $(ALL_LDFLAGS) $(LIBS) \
		$(shell pkg-config --libs $(DLOPEN_PKGS) cmocka)

$(BUILD):
	@mkdir -p $(BUILD)

# the dependencies are installed before anything is built, even under -j:
# each of these targets installs them, then makes its own -run target
demo: deps
	@$(MAKE) --no-print-directory demo-run
demo-run: $(BIN)
	@MJOURNAL=$(abspath $(BIN)) tools/demo.sh

# the sanitizer run: leaks inside system libraries are listed in lsan.supp
SAN_ENV = $(if $(filter san,$(VARIANT)),MJ_SANITIZED=1 LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp):print_suppressions=0 ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0)

# the suite, two scripts at a time; the plain run also runs the tests of the
# tests (tests/meta-check.sh: the suite against fake binaries)
TEST_SCRIPTS = tests/t/t*.sh tests/fuzz/t0900-fuzz.sh \
	$(if $(filter san,$(VARIANT)),,tests/meta-check.sh)

check: check-deps
	@$(MAKE) --no-print-directory check-run
# what failed is said again after prove's summary, where a log that keeps
# only its end still shows it
FAILURES = build/test-failures.log
check-run: $(BIN) $(UNIT_BINS)
	@mkdir -p build && rm -f $(FAILURES)
	@$(SAN_ENV) MJOURNAL=$(abspath $(BIN)) \
		MJ_TEST_FAILURES=$(abspath $(FAILURES)) \
		prove -j2 --exec '' $(UNIT_BINS) $(TEST_SCRIPTS) || \
		{ echo; echo "What the failing tests said:"; \
		  cat $(FAILURES) 2>/dev/null; \
		  for t in $(UNIT_BINS); do \
		    $(SAN_ENV) $$t >$$t.out 2>&1 || \
		    { echo "$$t:"; grep -v '^ok ' $$t.out | head -n 40; }; \
		  done; exit 1; }

# kill loops: each writer killed with SIGKILL at random moments, then
# checked (tests/crash/run.sh); CRASH_ROUNDS (200), CRASH_SEED and
# CRASH_WRITERS come from the environment or the command line
crash: check-deps
	@$(MAKE) --no-print-directory crash-run
crash-run: $(BIN)
	@$(SAN_ENV) MJOURNAL=$(abspath $(BIN)) tests/crash/run.sh

# three people, one journal, a real https hub: tests/soak/soak.sh
SOAK_ROUNDS ?= 300
soak: check-deps
	@$(MAKE) --no-print-directory soak-run
soak-run: $(BIN)
	@$(SAN_ENV) MJOURNAL=$(abspath $(BIN)) SOAK_ROUNDS=$(SOAK_ROUNDS) \
		prove --exec '' tests/soak/soak.sh

# the README's two commands on a fresh minimal Debian root, then the
# package built, installed with apt and run there (needs root)
fresh:
	@tools/fresh.sh

# the Debian package: dpkg-buildpackage -us -uc -b on a copy of the
# project's files in build/deb/, then lintian; the .deb is left in dist/
deb:
	@tools/install-deps.sh deb
	@$(MAKE) --no-print-directory deb-run
deb-run:
	@tools/deb.sh build/deb dist

COMPLETIONDIR = $(PREFIX)/share/bash-completion/completions
ZSHDIR = $(PREFIX)/share/zsh/vendor-completions
FISHDIR = $(PREFIX)/share/fish/vendor_completions.d

# speed and memory against git status and cmark: see tests/bench/run.sh
bench: deps
	@$(MAKE) --no-print-directory bench-run
bench-run: $(BIN)
	@mkdir -p build/bench
	@tests/bench/run.sh $(abspath build/bench) $(abspath $(BIN))

# libFuzzer harnesses (clang): make fuzz FUZZ_SECONDS=600, or some of them:
# make fuzz FUZZ_HARNESSES="import csv"
FUZZ_SECONDS ?= 600
FUZZ_CC = clang
FUZZ_FLAGS = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJS = $(LIB_SRCS:src/%.c=build/fuzz/%.o) build/fuzz/templates.o
FUZZ_BINS = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

build/fuzz/%.o: src/%.c
	@mkdir -p build/fuzz
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
		-DMJ_VERSION='"$(VERSION)"' -Iinclude $(PKG_CFLAGS) $(FUZZ_FLAGS) \
		-fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

build/fuzz/templates.o: $(BUILD)/templates.c
	@mkdir -p build/fuzz
	$(FUZZ_CC) -Iinclude $(FUZZ_FLAGS) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FUZZ_OBJS)
	$(FUZZ_CC) -std=c11 -D_DEFAULT_SOURCE -Iinclude $(PKG_CFLAGS) $(FUZZ_FLAGS) \
		-fsanitize=fuzzer -MMD -MP -o $@ $< $(FUZZ_OBJS) $(LIBS)

fuzz-build: check-deps $(FUZZ_BINS)

fuzz: fuzz-build
	@tests/fuzz/run.sh $(abspath build/fuzz) $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPLETIONDIR) \
		$(DESTDIR)$(ZSHDIR) $(DESTDIR)$(FISHDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/mjournal
	install -m 644 build/mjournal.1 $(DESTDIR)$(MANDIR)/man1/mjournal.1
	install -m 644 completions/mjournal.bash $(DESTDIR)$(COMPLETIONDIR)/mjournal
	install -m 644 completions/_mjournal $(DESTDIR)$(ZSHDIR)/_mjournal
	install -m 644 completions/mjournal.fish $(DESTDIR)$(FISHDIR)/mjournal.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mjournal $(DESTDIR)$(MANDIR)/man1/mjournal.1 \
		$(DESTDIR)$(COMPLETIONDIR)/mjournal $(DESTDIR)$(ZSHDIR)/_mjournal \
		$(DESTDIR)$(FISHDIR)/mjournal.fish

clean:
	rm -rf build dist mjournal

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d build/fuzz/*.d)
