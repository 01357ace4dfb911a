# SwiftGym. `make demo` shows it working; `make test` runs the whole test suite (what CI runs).
SWIFT ?= swift
GYM := .build/release/gym
APT_PACKAGES := libjson-c-dev libopenblas-dev libglpk-dev librsvg2-dev fonts-dejavu-core pkg-config

VENV := .venv-tools
# gymnasium, pettingzoo, numpy and pytest for the Python package's tests (`make test`); nothing heavier.
TEST_VENV := .venv-test

PLUGINS := .build/plugins
BENCH_IDS := gridworld-v1 frozen-lake-8x8-v1 cartpole-v1 pendulum-v1 demand-v1 rock-paper-scissors-exploiter-v1
PEERS_VENV := .venv-peers

.PHONY: deps build test test-kernels check-visuals python-test integration integration-sb3 integration-ray docs demo bench bench-peers bench-python bench-sb3 bench-dpg-limit bench-frozen-lake bench-ray schema gymnasium-fixtures plugins tsan fuzz test-sanitizers clean

# Installs the system libraries when they are missing (Debian/Ubuntu; needs root or sudo).
deps:
	@if ! pkg-config --exists json-c openblas librsvg-2.0 2>/dev/null || [ ! -f /usr/include/glpk.h ] || [ ! -d /usr/share/fonts/truetype/dejavu ]; then \
		echo "Installing $(APT_PACKAGES)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release

# tools/validate_schema.py needs jsonschema: the system Python's when it has it, else a virtual
# environment's. The stamp is written last, so an interrupted install is redone.
$(VENV)/installed:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q jsonschema
	touch $@

# Every shipped environment against the JSON Schema, then through the loader.
schema: build
	@if python3 -c "import jsonschema" 2>/dev/null; then \
		echo "python3 tools/validate_schema.py Environments/*.json"; python3 tools/validate_schema.py Environments/*.json; \
	else \
		$(MAKE) -s $(VENV)/installed && $(VENV)/bin/python tools/validate_schema.py Environments/*.json; \
	fi
	$(GYM) validate Environments/*.json

# Release mode: the learning tests train agents and must finish in seconds.
# The conformance suite runs on every shipped environment first, and the documentation must build;
# every fuzz target then runs 3,000 inputs (the smoke run; `make fuzz` for more).
# The Python tests come before `swift test`, whose build relinks the libraries with testing enabled.
test: build schema docs
	$(GYM) check --all
	$(MAKE) -s check-visuals
	$(GYM) bench --steps 1000 --repeats 1
	$(MAKE) -s python-test
	$(MAKE) -s fuzz FUZZ_RUNS=3000 FUZZ_SEED=1
	$(SWIFT) test -c release --disable-swift-testing
	$(MAKE) -s test-kernels

# The promise that any thread count trains to the same numbers, under every OpenBLAS kernel this CPU can
# execute (OPENBLAS_CORETYPE; kernels whose instructions it lacks are named and skipped).
KERNEL_TESTS := RowBlockTests|TrainOptionsTests.testThreadsChangeNoNumberOfTheActorCritics
test-kernels:
	tools/blas_kernels.sh '$(KERNEL_TESTS)' -c release --disable-swift-testing

# The stamp is written last, so an interrupted install is redone.
$(TEST_VENV)/installed-3:
	python3 -m venv $(TEST_VENV)
	$(TEST_VENV)/bin/pip install -q "gymnasium==1.4.*" "pettingzoo==1.27.*" numpy pytest moviepy
	touch $@

# The Python package against the library `make build` made (python/tests; Gymnasium's checker included).
python-test: build plugins $(TEST_VENV)/installed-3
	SWIFTGYM_LIBRARY=.build/release/libSwiftGymC.so $(TEST_VENV)/bin/python -m pytest -q -p no:cacheprovider python/tests

# DocC archives of the public modules (swift-docc-plugin), in .build/plugins/Swift-DocC/outputs/;
# any warning (a broken symbol link, an undocumented parameter) fails the build.
DOC_TARGETS := Gym GymMDP GymConformanceTesting
docs: deps
	$(SWIFT) package --disable-sandbox generate-documentation $(addprefix --target ,$(DOC_TARGETS)) --warnings-as-errors --disable-indexing

# The pictures in a real browser: headless Chromium (Debian's chromium-headless-shell, installed when
# missing) opens an episode SVG, a value map, report.html and compare.html; tools/check_visuals.py asserts
# what it shows and leaves screenshots in runs/visuals/.
check-visuals: build
	@if ! command -v chromium-headless-shell >/dev/null && ! command -v chromium >/dev/null; then \
		echo "Installing chromium-headless-shell"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null; \
	fi
	python3 tools/check_visuals.py --gym $(GYM) --out runs/visuals

demo: build
	@echo "== The registered environments (gym list)"
	@$(GYM) list
	@echo
	@echo "== The 4x3 gridworld of the course notes, solved exactly (gym solve gridworld-v1)"
	@$(GYM) solve gridworld-v1
	@echo
	@echo "== The same world when living costs 0.4 per step: the agent takes the risky short route"
	@$(GYM) solve gridworld-v1 --param living_reward=-0.4 | tail -4
	@echo
	@echo "== One episode of the gridworld with a random policy, seed 1 (gym rollout)"
	@$(GYM) rollout gridworld-v1 --seed 1 --policy random
	@echo
	@echo "== Tabular Q-learning on the gridworld, then its greedy policy against the optimum (gym train, gym evaluate)"
	@$(GYM) train gridworld-v1 --agent q-learning --steps 300000 --set learning_rate=0.05 --seed 1 --out runs/demo-q-learning | tail -1
	@$(GYM) evaluate gridworld-v1 --checkpoint runs/demo-q-learning/agent.ckpt --episodes 5000
	@$(GYM) rollout gridworld-v1 --checkpoint runs/demo-q-learning/agent.ckpt --svg runs/demo-q-learning/episode.svg | tail -1
	@echo "   open in a browser: runs/demo-q-learning/report.html (curve, evaluation, settings, the policy playing), episode.svg"
	@echo
	@echo "== The conformance suite on the gridworld, CartPole and the example C plugin (gym check)"
	@$(MAKE) -s plugins
	@$(GYM) check gridworld-v1 cartpole-v1 $(PLUGINS)/libinventory.so

# The example C plugin (json-c for its configuration).
plugins: deps
	mkdir -p $(PLUGINS)
	cc -O2 -Wall -shared -fPIC -I Sources/CGymPlugin/include Plugins/inventory/inventory.c -ljson-c -lm -o $(PLUGINS)/libinventory.so
	for fault in segv-step hang-step; do \
		cc -O2 -shared -fPIC -I Sources/CGymPlugin/include Tests/Hostile/plugins/$$fault.c -o $(PLUGINS)/lib$$fault.so || exit 1; \
	done

# Speed: environment steps per second (raw, wrapped, vectorised; the C plugin too), with a hand-written Swift
# CartPole for reference, the network core, DQN training throughput, a 100,000-state tabular MDP, then
# learning runs with their measured scores (longer than tests; not part of CI). `make bench-peers` adds
# Gymnasium and a C loop side by side.
bench: build plugins
	$(GYM) bench $(BENCH_IDS) $(PLUGINS)/libinventory.so --networks --training --large-mdp 100000
	# Threads idle and beside one busy process of gym's own: a vector of 64 and of 256, and the critic step.
	$(GYM) bench cartpole-v1 --envs 64 --threads 1 2 --vector-only --beside-busy --networks
	$(GYM) bench cartpole-v1 --envs 256 --threads 1 2 --vector-only --beside-busy
	$(GYM) train gridworld-v1 --agent q-learning --steps 300000 --set learning_rate=0.05 --seed 1 --out runs/bench-q-learning | tail -1
	$(GYM) evaluate gridworld-v1 --checkpoint runs/bench-q-learning/agent.ckpt --episodes 5000
	$(GYM) train demand-v1 --agent reinforce --set policy=linear --steps 20000 --seed 1 --out runs/bench-reinforce | tail -2
	$(GYM) train cartpole-v1 --agent dqn --steps 50000 --seed 1 --eval-episodes 10 --out runs/bench-dqn-cartpole | tail -1
	$(GYM) evaluate cartpole-v1 --checkpoint runs/bench-dqn-cartpole/agent.ckpt --episodes 20
	$(GYM) train rock-paper-scissors-exploiter-v1 --agent dqn --steps 30000 --seed 1 --set hidden_sizes=64,64 --set train_frequency=4 \
		--set gradient_steps=1 --set target_update_interval=500 --out runs/bench-dqn-rps | tail -1
	$(GYM) evaluate rock-paper-scissors-exploiter-v1 --checkpoint runs/bench-dqn-rps/agent.ckpt --episodes 200
	$(GYM) train rock-paper-scissors-exploiter-v1 --agent ppo --steps 50000 --seed 1 --out runs/bench-ppo-rps | tail -1
	$(GYM) evaluate rock-paper-scissors-exploiter-v1 --checkpoint runs/bench-ppo-rps/agent.ckpt --episodes 200 --stochastic
	$(GYM) act --checkpoint runs/bench-ppo-rps/agent.ckpt --observation 0
	$(GYM) bench gridworld-v1 --steps 1000 --repeats 1 --games | tail -4
	$(GYM) train rock-paper-scissors-v2 --agents ppo,ppo --steps 100000 --seed 1 --out runs/bench-selfplay-ppo | tail -5 | head -1
	@awk -F, 'NR == 1 || NR % 4 == 1' runs/bench-selfplay-ppo/exploitability.csv
	$(GYM) train rock-paper-scissors-v2 --agents dqn,dqn --steps 100000 --seed 1 --set hidden_sizes=64,64 --set train_frequency=4 \
		--set gradient_steps=1 --set target_update_interval=500 --out runs/bench-selfplay-dqn | tail -5 | head -1
	@awk -F, 'NR == 1 || NR % 4 == 1' runs/bench-selfplay-dqn/exploitability.csv
	$(GYM) compare cartpole-v1 --agents ppo,a2c --seeds 3 --steps 100000 --out runs/bench-ppo-a2c-cartpole
	$(GYM) train gridworld-v1 --agent dqn --steps 50000 --seed 1 --set hidden_sizes=64,64 --set train_frequency=4 --set gradient_steps=1 \
		--set target_update_interval=500 --set exploration_fraction=0.3 --set learning_rate=1e-3 --out runs/bench-dqn-gridworld | tail -1
	$(GYM) evaluate gridworld-v1 --checkpoint runs/bench-dqn-gridworld/agent.ckpt --episodes 5000
	$(GYM) train demand-continuous-v1 --agent dpg --steps 20000 --seed 1 --set gamma=0 --out runs/bench-dpg-demand | tail -1
	for p in -1.5 -1 -0.5 0 0.5 1 1.5; do $(GYM) act --checkpoint runs/bench-dpg-demand/agent.ckpt --observation "[$$p]"; done
	$(GYM) train pendulum-v1 --agent dpg --set td3=true --steps 20000 --eval-episodes 10 --out runs/bench-td3-pendulum | tail -1
	$(GYM) compare point-mass-v1 --agents ppo,a2c --seeds 3 --steps 20000 --out runs/bench-ppo-a2c-point-mass
	$(GYM) compare point-mass-v1 --agents a2c --seeds 3 --steps 20000 --set activation=relu --out runs/bench-a2c-relu-point-mass
	$(GYM) compare pendulum-v1 --agents ppo --seeds 3 --steps 100000 --set num_envs=4 --set n_steps=1024 --set gamma=0.9 \
		--set learning_rate=1e-3 --set normalize_observation=true --set normalize_reward=true --set log_std_init=-2 \
		--set activation=relu --set hidden_sizes=256,256 --out runs/bench-ppo-pendulum

# A Python virtual environment with Gymnasium and EnvPool (from PyPI), for the peer comparisons.
$(PEERS_VENV)/bin/python:
	python3 -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/pip install -q gymnasium
	$(PEERS_VENV)/bin/pip install -q envpool || echo "envpool did not install; bench-peers measures without it"

# SwiftGym beside Gymnasium (make and unwrapped, SyncVectorEnv) and a hand-written C loop, in one run.
bench-peers: build $(PEERS_VENV)/bin/python
	$(PEERS_VENV)/bin/python tools/bench_peers.py --gym $(GYM)

# swiftgym with Stable-Baselines3 (SB3's checker, PPO on native copies): a virtual environment of its own
# with stable-baselines3 and torch 2.13 (the CPU build PyPI has; about 1 GB), never part of `make test`.
INTEGRATION_VENV := .venv-integration
$(INTEGRATION_VENV)/installed:
	python3 -m venv $(INTEGRATION_VENV)
	$(INTEGRATION_VENV)/bin/pip install -q "torch==2.13.*" stable-baselines3 "gymnasium==1.4.*" pytest
	touch $@

# Ray with RLlib and torch 2.13 (CPU), in a virtual environment of its own (RLlib pins its Gymnasium, 1.2.2
# for Ray 2.60, which swiftgym supports); never part of `make test`.
RAY_VENV := .venv-ray
$(RAY_VENV)/installed:
	python3 -m venv $(RAY_VENV)
	$(RAY_VENV)/bin/pip install -q "torch==2.13.*" "ray[rllib,tune]==2.60.*" "pettingzoo==1.27.*" pytest
	touch $@

integration: integration-sb3 integration-ray

integration-sb3: build $(INTEGRATION_VENV)/installed
	SWIFTGYM_LIBRARY=.build/release/libSwiftGymC.so $(INTEGRATION_VENV)/bin/python -m pytest -q -s -p no:cacheprovider python/integration/test_sb3.py

# RLlib's PPO on native vectors and in self-play, then sweeps on a local Ray cluster the tests start and stop.
integration-ray: build $(RAY_VENV)/installed
	SWIFTGYM_LIBRARY=$(CURDIR)/.build/release/libSwiftGymC.so $(RAY_VENV)/bin/python -m pytest -q -s -p no:cacheprovider python/integration/test_ray.py

# swiftgym from Python beside Gymnasium (make, SyncVectorEnv, numpy CartPoleVectorEnv) and EnvPool, in one run.
bench-python: build $(PEERS_VENV)/bin/python
	SWIFTGYM_LIBRARY=.build/release/libSwiftGymC.so $(PEERS_VENV)/bin/python tools/bench_python.py

# The scoreboard: SwiftGym's agents beside Stable-Baselines3's on the same environments with the same
# hyperparameters, seeds 0-4, in one run (DQN, PPO, A2C on CartPole; DDPG, TD3, SAC on Pendulum; PPO on
# FrozenLake 8x8 against its exact optimum; PPO and A2C on point-mass-v1, which SB3 steps through the
# swiftgym package); about 25 minutes per seed on 2 cores. SCOREBOARD_ARGS="--seeds 1" for one.
SCOREBOARD_ARGS ?=
bench-sb3: build $(INTEGRATION_VENV)/installed
	SWIFTGYM_LIBRARY=$(CURDIR)/.build/release/libSwiftGymC.so PYTHONPATH=$(CURDIR)/python \
		$(INTEGRATION_VENV)/bin/python tools/scoreboard.py $(SCOREBOARD_ARGS)

# DPG on demand-continuous-v1 at the file's discount 0.9 (seeds 0-4), beside the error floor of a critic that is
# given the true form of Q and the true next-state values (the target is an error of 0.05; about 10 minutes).
bench-dpg-limit: build $(TEST_VENV)/installed-3
	$(TEST_VENV)/bin/python tools/dpg_demand_limit.py --gym $(GYM)

# PPO on FrozenLake 8x8 at the best settings found, seeds 0-4, each final policy scored by its exact start
# value against the optimum (the target is 95%; about 17 minutes on 2 cores, two seeds at once).
bench-frozen-lake: build $(TEST_VENV)/installed-3
	$(TEST_VENV)/bin/python tools/ppo_frozen_lake.py --gym $(GYM)

# RLlib's PPO on SwiftGym's CartPole against Gymnasium's, with the same configuration (seeds 0 and 1, each
# order once), then a sweep's throughput here and on local Ray clusters of 1 and 2 worker CPUs.
bench-ray: build $(RAY_VENV)/installed
	for seed in 0 1; do SWIFTGYM_LIBRARY=$(CURDIR)/.build/release/libSwiftGymC.so PYTHONPATH=python $(RAY_VENV)/bin/python \
		python/examples/rllib_ppo.py --compare-gymnasium --iterations 60 --seed $$seed $$( [ $$seed = 1 ] && echo --gymnasium-first ) 2>/dev/null \
		| grep -v "^  iteration"; done
	SWIFTGYM_LIBRARY=$(CURDIR)/.build/release/libSwiftGymC.so $(RAY_VENV)/bin/python tools/bench_ray.py

# Reference trajectories from Gymnasium for the dynamics tests (needs PyPI; the fixtures are committed).
gymnasium-fixtures: $(PEERS_VENV)/bin/python
	$(PEERS_VENV)/bin/python tools/gymnasium_trajectories.py

# The threaded vector path under ThreadSanitizer: the batched-stepping and vector tests and PPO/A2C on
# eight copies (threads 1, 2, 3 and 8, every autoreset mode), and the matrix products' row blocks on 2-5 worker threads,
# in a debug build of their own (a few minutes; not part of `make test`). Any race report fails it.
tsan: deps
	TSAN_OPTIONS="halt_on_error=1" $(SWIFT) test --sanitize=thread --scratch-path .build-tsan --disable-swift-testing \
		--filter "BatchSteppingTests|VectorEnvironmentTests|VectorTrainingTests.testPPOAndA2C|ExpressionLimitsTests|IsolationTests|RowBlockTests|ThreadPoolTests"

# libFuzzer targets (Sources/GymFuzz) built with AddressSanitizer in their own build folder, linked with the
# toolchain's lld (gold fails on the fuzzer's objects). Each target starts from its committed corpus in
# Tests/Fuzz/TARGET and keeps what it finds in .build-fuzz/corpus/TARGET; a crash leaves its input in
# .build-fuzz/crash-*. `make fuzz FUZZ_RUNS=10000000` is the campaign; `make test` runs the smoke run.
FUZZ_TARGETS := json spec expression checkpoint describe nfg
FUZZ_RUNS ?= 3000
# 0 lets libFuzzer choose; `make test` fixes it, so that its smoke run is the same on every machine.
FUZZ_SEED ?= 0
FUZZ := .build-fuzz/release/gym-fuzz
LLD := $(dir $(realpath $(shell command -v $(SWIFT))))ld.lld

$(FUZZ): deps $(wildcard Sources/*/*.swift Sources/*/*/*.swift)
	mkdir -p .build-fuzz
	printf '{"schemaVersion": "1.0", "linker": {"path": "%s"}}\n' "$(LLD)" > .build-fuzz/toolset.json
	$(SWIFT) build -c release --product gym-fuzz --scratch-path .build-fuzz --toolset .build-fuzz/toolset.json \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -DGYM_FUZZING

fuzz: $(FUZZ)
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p .build-fuzz/corpus/$$t; \
		echo "== fuzz $$t: $(FUZZ_RUNS) inputs"; \
		GYM_FUZZ_TARGET=$$t SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 $(FUZZ) -runs=$(FUZZ_RUNS) -seed=$(FUZZ_SEED) -max_len=8192 \
			-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -artifact_prefix=.build-fuzz/ -print_final_stats=1 \
			.build-fuzz/corpus/$$t Tests/Fuzz/$$t 2>.build-fuzz/$$t.log \
			|| { tail -40 .build-fuzz/$$t.log; exit 1; }; \
		grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done" .build-fuzz/$$t.log | tr '\n' ' '; echo; \
	done

# The test suite under AddressSanitizer, and the threaded code under ThreadSanitizer.
test-sanitizers: deps tsan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test -c release --sanitize=address --scratch-path .build-asan --disable-swift-testing

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan $(VENV) $(TEST_VENV)
