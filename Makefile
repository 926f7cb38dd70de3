# The two commands a newcomer needs:
#   make run    builds CacheLab and starts the REPL (installing libedit-dev when missing)
#   make test   runs the whole test suite (installing libedit-dev, redis-server, redis-tools, tmux,
#               memcached and python3)
# Anything after ARGS= is passed to cachelab, e.g. make run ARGS="--raw".

SWIFT ?= swift
APT_PACKAGES_BUILD = libedit-dev pkg-config
APT_PACKAGES_TEST = $(APT_PACKAGES_BUILD) redis-server redis-tools tmux memcached python3

.PHONY: run test build release bench deps-build deps-test

run: deps-build
	@$(SWIFT) build -c release --product cachelab >&2
	@./.build/release/cachelab $(ARGS)

test: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

build: deps-build
	$(SWIFT) build

release: deps-build
	$(SWIFT) build -c release --product cachelab

bench: release
	./.build/release/cachelab bench

deps-build:
	@./Scripts/ensure-packages.sh $(APT_PACKAGES_BUILD)

deps-test:
	@./Scripts/ensure-packages.sh $(APT_PACKAGES_TEST)
