# CSAT Desk — build, run and test.
#
#   make run      install what is missing, build, open the app
#   make test     everything CI checks, in order, stopping at the first failure
#   make bench    full benchmarks (1,000,000 responses unless overridden)
#   make help     all targets
#
# GNU make. Works from a fresh clone with no TTY. See docs/BUILD.md.

SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
# Steps must run in the listed order even under make -j.
.NOTPARALLEL:

GO      ?= go
BINARY  ?= csatdesk
# Arguments for `make run`, e.g. make run ARGS='--db /tmp/test.db'
ARGS    ?=

# staticcheck 2026.2.2: the newest release, checked to work with Go 1.26;
# pinned so everyone and CI get the same findings.
STATICCHECK_VERSION ?= v0.8.2
GOBIN_LOCAL := $(CURDIR)/.cache/bin
STATICCHECK := $(GOBIN_LOCAL)/staticcheck

# go-winres makes the Windows program's icon, version resource and manifest
# (a .syso), pinned. Fyne's own packaging tool (fyne.io/tools, `fyne
# package`) is kept for the macOS .app (docs/BUILD.md); it cannot stamp the
# Windows build's version (docs/DECISIONS.md, "Packages").
WINRES_VERSION ?= v0.3.3
WINRES := $(GOBIN_LOCAL)/go-winres
FYNE_TOOLS_VERSION ?= v1.7.4
FYNE := $(GOBIN_LOCAL)/fyne

# Version stamping: `git describe --tags --always --dirty` into
# csatdesk/app/version (read by `csatdesk --version` and Help → About).
VERSION_PKG := csatdesk/app/version
VERSION_LDFLAGS = $(shell eval "$$(bash .ci/version.sh)" && \
	echo "-X $(VERSION_PKG).Version=$$DESCRIBE -X $(VERSION_PKG).Commit=$$COMMIT -X $(VERSION_PKG).Date=$$DATE")

# Benchmarks in `make test` run once each on a small database; `make bench`
# uses the benchmarks' own default (1M responses) unless this is set.
TEST_BENCH_RESPONSES ?= 20000
FUZZTIME      ?= 10s
TEST_TIMEOUT  ?= 30m
BENCH_TIMEOUT ?= 60m

# Fyne's desktop driver needs cgo.
export CGO_ENABLED := 1
# Never let `go` stop to ask for anything in CI.
export GIT_TERMINAL_PROMPT := 0

# Tests run in English UTF-8 whatever the machine's locale (`make run` keeps yours).
fmt-check vet staticcheck import-graph build-check test-race bench-once fuzz bench bench-import package-smoke: export LANG := en_US.UTF-8

step = printf '\n==> %s\n' $(1)
fail = { printf '\nFAILED: %s\n' $(1) >&2; exit 1; }

.PHONY: help deps build run test bench bench-import clean distclean \
        fmt-check vet staticcheck staticcheck-install import-graph build-check test-race \
        bench-once fuzz package package-deps package-smoke fyne-install winres-install vet-cross soak

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 22

deps: ## check Go and install missing C/GL/X11 build packages (apt; others: prints what to install)
	@bash .ci/deps.sh

build: ## build ./csatdesk (cgo, needs deps), version stamped from git
	$(GO) build -ldflags "$(VERSION_LDFLAGS)" -o $(BINARY) .

run: deps build ## build and open the app on its default database (ARGS='--db FILE' to override)
	./$(BINARY) $(ARGS)

test: ## gofmt, vet, staticcheck, import graph, build, race tests, each benchmark once, fuzz briefly
	@start=$$(date +%s); \
	for t in deps fmt-check vet staticcheck import-graph build-check test-race bench-once fuzz; do \
		$(MAKE) --no-print-directory $$t || { \
			printf '\n==> make test stopped at step %s after %ss\n' $$t $$(( $$(date +%s) - start )) >&2; exit 1; }; \
	done; \
	printf '\n==> make test passed in %ss\n' $$(( $$(date +%s) - start ))

fmt-check: ## gofmt: list files that are not formatted
	@$(call step,'gofmt')
	@files=$$(find . -name '*.go' -not -path './.cache/*' -not -path './.git/*' -not -path '*/testdata/*' -print0 \
		| xargs -0 gofmt -l); \
	if [ -n "$$files" ]; then \
		printf '%s\n' "$$files"; \
		$(call fail,'these files need gofmt -w (listed above)'); \
	fi

vet: ## go vet ./...
	@$(call step,'go vet ./...')
	@$(GO) vet ./... || $(call fail,'go vet reported problems (above)')

staticcheck-install: ## install the pinned staticcheck into .cache/bin unless it is already there
	@if ! "$(STATICCHECK)" -version 2>/dev/null | grep -qF '($(STATICCHECK_VERSION:v%=%))'; then \
		echo "installing staticcheck $(STATICCHECK_VERSION) into .cache/bin"; \
		GOBIN="$(GOBIN_LOCAL)" $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) \
			|| $(call fail,'could not install staticcheck $(STATICCHECK_VERSION) (network? GOPROXY?)'); \
	fi

staticcheck: staticcheck-install ## staticcheck ./... (pinned, installed into .cache/bin)
	@$(call step,'staticcheck $(STATICCHECK_VERSION) ./...')
	@"$(STATICCHECK)" ./... || $(call fail,'staticcheck reported problems (above); checks are set in staticcheck.conf')

import-graph: ## layering: no Fyne in data/ or charts/, no bbolt outside data/store, data stdlib only
	@$(call step,'import graph (main_test.go TestImportGraph)')
	@$(GO) test -tags ci -count=1 -run '^TestImportGraph$$' . \
		|| $(call fail,'import graph: a package imports what its layer may not - or package main does not compile (above)')

build-check: ## go build of the real app with cgo (GL/X11)
	@$(call step,'go build of the real app with cgo')
	@$(GO) build -o $(BINARY) . || $(call fail,'the app does not build (missing GL/X11 headers? run make deps)')

test-race: ## go test -race -tags ci ./...
	@$(call step,'go test -race -tags ci ./...')
	@$(GO) test -race -tags ci -timeout $(TEST_TIMEOUT) ./... || $(call fail,'tests failed (above)')

bench-once: ## every benchmark once on a small database
	@$(call step,'benchmarks once each with $(TEST_BENCH_RESPONSES) responses')
	@CSATDESK_BENCH_RESPONSES=$(TEST_BENCH_RESPONSES) \
		$(GO) test -tags ci -run '^$$' -bench . -benchtime 1x -timeout $(TEST_TIMEOUT) ./... \
		|| $(call fail,'a benchmark failed (above)')

fuzz: ## run every Fuzz target for FUZZTIME (default 10s)
	@$(call step,'fuzz targets for $(FUZZTIME) each')
	@GO="$(GO)" FUZZTIME="$(FUZZTIME)" bash .ci/fuzz.sh || $(call fail,'fuzzing found a failure (input saved under testdata/fuzz/)')

.PHONY: scan-corpus
scan-corpus: ## read the whole generated scan corpus (>= 300 pages, printed forms via pdftoppm) and print the Budgets table
	@$(call step,'scan corpus: every class and the Budgets table')
	@CSATDESK_SCAN_CORPUS=full $(GO) test -tags ci -run '^TestCorpusFull$$' -v -timeout $(BENCH_TIMEOUT) ./data/scan/ \
		|| $(call fail,'the scan corpus is outside its budgets (above)')

SOAK_RUNS     ?= 1000
SOAK_FUZZTIME ?= 2m

soak: export LANG := en_US.UTF-8
soak: ## long reliability run: every kill test SOAK_RUNS times (1000), every fuzz target SOAK_FUZZTIME (2m), a summary table
	@$(call step,'soak: kill tests $(SOAK_RUNS) runs each then fuzz targets $(SOAK_FUZZTIME) each')
	@GO="$(GO)" CSATDESK_SOAK_RUNS="$(SOAK_RUNS)" FUZZTIME="$(SOAK_FUZZTIME)" bash .ci/soak.sh || $(call fail,'the soak run found a failure (summary above)')

bench: deps ## full benchmarks (set CSATDESK_BENCH_RESPONSES to change the database size)
	$(GO) test -tags ci -run '^$$' -bench . -benchmem -timeout $(BENCH_TIMEOUT) ./...

BENCH_IMPORT_ROWS ?= 1000000
BENCH_IMPORT_DIR ?= /tmp/csatdesk-bench-import

bench-import: ## whole-process import of a Google-Forms-shaped CSV vs encoding/csv + raw bbolt (issue #12's budgets)
	@mkdir -p $(BENCH_IMPORT_DIR)
	$(GO) build -o $(BENCH_IMPORT_DIR)/csatdesk .
	$(GO) build -o $(BENCH_IMPORT_DIR)/rawbaseline ./data/store/ingest/internal/rawbaseline
	$(BENCH_IMPORT_DIR)/rawbaseline -gen $(BENCH_IMPORT_ROWS) > $(BENCH_IMPORT_DIR)/gf.csv
	@cd $(BENCH_IMPORT_DIR) && for run in 1 2 3; do \
		rm -f base.db app.db; \
		/usr/bin/time -f "baseline run $$run: %U s user %S s sys %e s wall %M KB peak" ./rawbaseline gf.csv base.db >/dev/null; \
		/usr/bin/time -f "import   run $$run: %U s user %S s sys %e s wall %M KB peak" ./csatdesk import gf.csv --survey new --db app.db >/dev/null; \
	done; ls -l app.db base.db

CROSS_VET_PKGS := ./data/... ./charts/... ./app/cli/... ./app/version/ ./app/imageclip/ ./app/startenv/

vet-cross: ## go vet for darwin and windows of the packages without Fyne (per-system files compile)
	@$(call step,'go vet for darwin and windows (packages without Fyne)')
	@for os in darwin windows; do \
		GOOS=$$os GOARCH=amd64 CGO_ENABLED=0 $(GO) vet $(CROSS_VET_PKGS) || $(call fail,"go vet for $$os reported problems (above)"); \
	done

package-deps: ## deps, plus mingw-w64, wine, xz, zip (apt) for the packages and their smoke test
	@bash .ci/deps.sh --package

winres-install: ## install the pinned go-winres into .cache/bin unless it is already there
	@if [ ! -x "$(WINRES)" ] || ! $(GO) version -m "$(WINRES)" 2>/dev/null | grep -q 'mod.*github.com/tc-hib/go-winres.*$(WINRES_VERSION)'; then \
		echo "installing go-winres $(WINRES_VERSION) into .cache/bin"; \
		GOBIN="$(GOBIN_LOCAL)" $(GO) install github.com/tc-hib/go-winres@$(WINRES_VERSION) \
			|| $(call fail,'could not install go-winres $(WINRES_VERSION) (network? GOPROXY?)'); \
	fi

fyne-install: ## install the pinned fyne packaging tool into .cache/bin (for the macOS .app; not needed on Linux)
	@if ! "$(FYNE)" version 2>/dev/null | grep -qF 'cli version: $(FYNE_TOOLS_VERSION)'; then \
		echo "installing fyne.io/tools $(FYNE_TOOLS_VERSION) into .cache/bin"; \
		GOBIN="$(GOBIN_LOCAL)" $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION) \
			|| $(call fail,'could not install fyne.io/tools $(FYNE_TOOLS_VERSION) (network? GOPROXY?)'); \
	fi

package: package-deps winres-install ## dist/: Linux .tar.xz and .deb, Windows .zip (cross-built), SHA256SUMS
	@$(call step,'packages into dist/')
	@GO="$(GO)" WINRES="$(WINRES)" bash .ci/package.sh all || $(call fail,'packaging failed (above)')

package-smoke: package-deps ## the Windows package under wine against the Linux one (needs make package)
	@$(call step,'Windows package under wine against the Linux package')
	@bash .ci/package-smoke.sh || $(call fail,'the Windows package does not match the Linux one (above)')

clean: ## remove the binary, dist/ and failed golden images
	rm -f $(BINARY) $(BINARY).exe
	rm -rf dist
	find . -path ./.git -prune -o -type d -path '*/testdata/failed' -print -exec rm -rf {} +

distclean: clean ## also remove .cache (pinned tools) and Go's test cache
	rm -rf .cache
	$(GO) clean -testcache
