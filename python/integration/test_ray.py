"""swiftgym on Ray (`make integration`, in .venv-ray with ray[rllib] and the CPU torch; never `make test`):
RLlib's PPO on SwiftGym's native vector in local mode, on a JSON MDP file, and in self-play on a SwiftGym
game; then `gym sweep --ray` on a local cluster this module starts and stops, against the same sweep made
here, and the driver's handling of a failed run and of a killed worker."""
import json
import math
import os
import socket
import subprocess
import sys
import time

import pytest

ray = pytest.importorskip("ray")
pytest.importorskip("ray.rllib")  # ray[rllib], with the examples' other needs below
pytest.importorskip("torch")
pytest.importorskip("pettingzoo")

import swiftgym  # noqa: E402  (registers SwiftGym/<id> with Gymnasium)
from swiftgym.vector import SwiftGymVectorEnv  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python", "examples"))
GYM = os.path.join(ROOT, ".build", "release", "gym")
RAY = os.path.join(os.path.dirname(sys.executable), "ray")

import rllib_ppo  # noqa: E402
import rllib_selfplay  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False)
    yield
    ray.shutdown()


def test_rllib_ppo_in_local_mode_samples_from_swiftgyms_native_vector(local_ray):
    config = rllib_ppo.ppo_config("swiftgym:SwiftGym/cartpole-v1", {}, env_runners=0, envs_per_runner=4,
                                  vectorize_mode="vector_entry_point", seed=0)
    algorithm = config.build_algo()
    try:
        assert isinstance(algorithm.env_runner.env.unwrapped, SwiftGymVectorEnv)
        assert algorithm.env_runner.env.unwrapped.num_envs == 4
        for _ in range(3):
            result = algorithm.train()
        assert result["num_env_steps_sampled_lifetime"] >= 3 * 4000
        assert math.isfinite(result["env_runners"]["episode_return_mean"])
    finally:
        algorithm.stop()


def test_rllib_ppo_on_a_json_mdp_file_through_a_registered_env_creator(local_ray):
    from ray.tune.registry import register_env

    register_env("swiftgym-file", rllib_ppo.swiftgym_file_env)
    path = os.path.join(ROOT, "Environments", "frozen-lake-8x8-v1.json")
    algorithm = rllib_ppo.ppo_config("swiftgym-file", {"path": path}, env_runners=0, envs_per_runner=2,
                                     vectorize_mode="vector_entry_point", seed=0).build_algo()
    try:
        assert isinstance(algorithm.env_runner.env.unwrapped, SwiftGymVectorEnv)
        result = algorithm.train()
        assert result["num_env_steps_sampled_lifetime"] >= 4000
    finally:
        algorithm.stop()


def test_two_rllib_policies_in_self_play_get_an_exact_exploitability(local_ray):
    from ray.tune.registry import register_env

    register_env("swiftgym-rps", rllib_selfplay.swiftgym_game)
    algorithm = rllib_selfplay.selfplay_config(seed=0).build_algo()
    try:
        result = algorithm.train()
        assert set(result["env_runners"]["agent_episode_returns_mean"]) == {"player_0", "player_1"}
        strategies = rllib_selfplay.played_strategies(algorithm, episodes=5, seed=0)
    finally:
        algorithm.stop()
    assert all(abs(sum(p) - 1) < 1e-9 and len(p) == 3 for p in strategies.values())
    report = rllib_selfplay.exploitability(strategies, GYM)
    assert 0 <= report["exploitability"] <= 1
    assert report["players"] == ["player_0", "player_1"]


# -- sweeps on a local cluster ------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(local_ray):
    ray.shutdown()  # the sweeps' drivers connect to the cluster below, not to this process's Ray
    port = free_port()
    subprocess.run([RAY, "start", "--head", f"--port={port}", "--num-cpus=2", "--include-dashboard=false",
                    "--disable-usage-stats"], check=True, capture_output=True)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        subprocess.run([RAY, "stop", "--force"], capture_output=True)


def gym(*arguments):
    environment = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"), SWIFTGYM_PYTHON=sys.executable)
    return subprocess.run([GYM, *arguments], capture_output=True, text=True, env=environment, cwd=ROOT)


SWEEP = ["sweep", "cartpole-v1", "--agents", "ppo,dqn", "--seeds", "2", "--steps", "3000", "--eval-episodes", "2",
         "--set", "dqn.learning_starts=500", "--grid", "ppo.learning_rate=0.001,0.0003"]


def test_a_sweep_on_the_cluster_equals_the_same_sweep_made_here_bit_for_bit(cluster, tmp_path):
    here = gym(*SWEEP, "--out", str(tmp_path / "here"))
    assert here.returncode == 0, here.stderr
    started = time.perf_counter()
    there = gym(*SWEEP, "--out", str(tmp_path / "ray"), "--ray", cluster)
    assert there.returncode == 0, there.stderr + there.stdout
    print(f"\n6 runs as Ray tasks in {time.perf_counter() - started:.1f} s:\n{there.stdout}")
    names = sorted(os.listdir(tmp_path / "here" / "runs"))
    assert names == sorted(os.listdir(tmp_path / "ray" / "runs")) and len(names) == 6
    assert " on 127.0.0.1" in there.stdout or " on " in there.stdout
    for name in names:
        for file in ["agent.ckpt", "evaluations.csv", "metrics.csv"]:
            mine = (tmp_path / "here" / "runs" / name / file).read_bytes()
            theirs = (tmp_path / "ray" / "runs" / name / file).read_bytes()
            assert mine == theirs, f"{name}/{file} differs"
        arguments = [json.loads((tmp_path / where / "runs" / name / "arguments.json").read_text()) for where in ["here", "ray"]]
        assert arguments[0] == arguments[1]
    # The same command again keeps every run.
    again = gym(*SWEEP, "--out", str(tmp_path / "ray"), "--ray", cluster)
    assert again.returncode == 0 and again.stdout.count("kept from the earlier sweep") == 6, again.stdout


def test_a_run_that_fails_is_named_tried_again_and_the_others_are_kept(cluster, tmp_path):
    result = gym("sweep", "corridor-v0", "--agents", "q-learning", "--seeds", "1", "--steps", "1000",
                 "--grid", "learning_rate=0.1,oops", "--out", str(tmp_path), "--ray", cluster)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "q-learning-learning_rate=oops-seed0: failed (gym train exited with status 2" in result.stderr
    assert "trying it once more" in result.stderr and "failed again" in result.stderr
    assert "1 of 2 runs failed twice: q-learning-learning_rate=oops-seed0" in result.stderr
    assert (tmp_path / "runs" / "q-learning-learning_rate=0.1-seed0" / "agent.ckpt").exists()
    assert "q-learning learning_rate=oops  failed" in result.stdout


def test_a_killed_worker_is_reported_by_name_and_its_run_retried(cluster, tmp_path):
    # A gym that, on its first call, kills the Ray worker that started it.
    marker = tmp_path / "killed-once"
    wrapper = tmp_path / "gym"
    wrapper.write_text(f"#!/bin/sh\nif [ ! -e {marker} ]; then touch {marker}; kill -9 $PPID; sleep 30; fi\nexec {GYM} \"$@\"\n")
    wrapper.chmod(0o755)
    plan = {"address": cluster, "gym": str(wrapper), "runs": [
        {"name": "q-seed0", "directory": str(tmp_path / "runs" / "q-seed0"),
         "arguments": ["train", "corridor-v0", "--agent", "q-learning", "--steps", "500", "--json"]}]}
    (tmp_path / "plan.json").write_text(json.dumps(plan))
    done = subprocess.run([sys.executable, "-m", "swiftgym.cluster", str(tmp_path / "plan.json")], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python")), timeout=300)
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0, done.stderr
    assert events[0]["event"] == "retrying" and events[0]["name"] == "q-seed0"
    assert "worker process died" in events[0]["reason"]
    assert events[1]["event"] == "finished" and events[-1] == {"event": "done"}
    assert (tmp_path / "runs" / "q-seed0" / "agent.ckpt").exists()
