# SwiftGym. `make demo` shows it working; `make test` runs the whole test suite (what CI runs).
SWIFT ?= swift
GYM := .build/release/gym
APT_PACKAGES := libjson-c-dev libopenblas-dev pkg-config

.PHONY: deps build test demo bench clean

# Installs the system libraries when they are missing (Debian/Ubuntu; needs root or sudo).
deps:
	@if ! pkg-config --exists json-c openblas 2>/dev/null; then \
		echo "Installing $(APT_PACKAGES)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release

# Release mode: the learning tests train agents and must finish in seconds.
test: build
	$(SWIFT) test -c release --disable-swift-testing

demo: build
	@echo "== The registered environments (gym list)"
	@$(GYM) list
	@echo
	@echo "== One episode of the corridor with a random policy, seed 1 (gym rollout)"
	@$(GYM) rollout corridor-v0 --seed 1 --policy random --steps 20

bench: build
	@echo "No benchmarks yet."

clean:
	rm -rf .build
