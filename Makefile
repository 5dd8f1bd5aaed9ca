# The two commands of README.md (run, test) and their helpers. Each installs what is missing.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
RELEASE_DIR := build/release
DEBUG_DIR := build/debug
CMAKE_COMMON := -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
FUZZ_SECONDS ?= 600
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime

.PHONY: run test build setup bench fuzz format docs web clean

setup:
	@bash scripts/setup.sh

# Release build of the binary (make run, make bench).
build: setup
	@cmake -S . -B $(RELEASE_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release \
	  -DRESKFLOW_TESTS=OFF -DRESKFLOW_BENCH=ON >/dev/null
	@ninja -C $(RELEASE_DIR) -j $(JOBS) reskflow

docs: setup
	@bash scripts/build-api-docs.sh

web: setup
	@npm run build -w web --silent

run: build docs web
	@mkdir -p var
	@if [ "$${RESKFLOW_ENV:-development}" != production ]; then \
	  ./$(RELEASE_DIR)/src/app/reskflow seed --log-level warn; fi
	@echo "ReskFlow on http://localhost:$${PORT:-3000} (API docs at /docs, Ctrl-C to stop)"
	@if [ "$${RESKFLOW_ENV:-development}" != production ] && [ "$${RESKFLOW_DEMO_ALIVE:-1}" = 1 ]; then \
	  bash scripts/demo-alive.sh ./$(RELEASE_DIR)/src/app/reskflow; \
	else ./$(RELEASE_DIR)/src/app/reskflow serve; fi

test:
	@bash scripts/test.sh

bench: build web
	@ninja -C $(RELEASE_DIR) -j $(JOBS)
	@bash bench/run.sh $(RELEASE_DIR)

fuzz: setup
	@bash fuzz/run.sh $(FUZZ_SECONDS)

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format-14 -i

clean:
	@rm -rf build
