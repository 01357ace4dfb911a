"""swiftgym.cluster without Ray (which `make test` never installs): what it says when Ray is missing, and
how it puts a run's directory in place. The driver on a real cluster: python/integration/test_ray.py."""
import io
import json
import os
import subprocess
import sys
import tarfile

import pytest

from swiftgym import cluster


def test_without_ray_the_driver_says_how_to_get_it(tmp_path):
    try:
        import ray  # noqa: F401
        pytest.skip("this Python has Ray")
    except ImportError:
        pass
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"address": "local", "gym": "/bin/true", "runs": []}))
    done = subprocess.run([sys.executable, "-m", "swiftgym.cluster", str(plan)], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(cluster.__file__))))
    assert done.returncode == 2
    assert "has no Ray" in done.stderr and "pip install 'ray[default]'" in done.stderr and "--python" in done.stderr
    assert done.stdout == ""


def test_a_run_directory_replaces_what_was_there_with_its_arguments_written_into_it(tmp_path):
    run = tmp_path / "made"
    run.mkdir()
    (run / "run.json").write_text('{"status": "finished"}\n')
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w:gz") as tar:
        tar.add(run, arcname=".")
    target = tmp_path / "sweep" / "runs" / "ppo-seed0"
    target.mkdir(parents=True)
    (target / "stale.csv").write_text("from an attempt that was cut short")
    cluster.unpack(archive.getvalue(), str(target), ["train", "cartpole-v1", "--agent", "ppo"])
    assert sorted(os.listdir(target)) == ["arguments.json", "run.json"]
    assert json.loads((target / "arguments.json").read_text()) == ["train", "cartpole-v1", "--agent", "ppo"]
    assert os.listdir(target.parent) == ["ppo-seed0"]  # no staging directory left behind


def test_the_usage_is_given_for_a_wrong_command_line():
    assert cluster.main(["swiftgym.cluster"]) == 2


def test_a_run_takes_as_many_cpus_as_its_threads():
    assert cluster.threads(["train", "pendulum-v1", "--agent", "dpg", "--json"]) == 1
    assert cluster.threads(["train", "pendulum-v1", "--agent", "dpg", "--threads", "2", "--json"]) == 2
