"""Sweep throughput on Ray (`make bench-ray`): the same sweep made here, one run after another, and as
Ray tasks on a local cluster of 1 and of 2 worker CPUs, in runs per minute. Each cluster is started
for its measurement and stopped after it; every sweep writes into a fresh directory, so no run is kept
from an earlier one."""
import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sweep(gym, arguments, extra):
    out = tempfile.mkdtemp(prefix="swiftgym-bench-ray-")
    started = time.perf_counter()
    done = subprocess.run([gym, *arguments, "--out", out, *extra], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"), SWIFTGYM_PYTHON=sys.executable))
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"gym {' '.join(arguments + extra)} failed:\n{done.stderr}")
    runs = len(re.findall(r": final evaluation", done.stdout))
    return runs, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gym", default=os.path.join(ROOT, ".build", "release", "gym"))
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--steps", type=int, default=20000)
    args = parser.parse_args()
    ray = os.path.join(os.path.dirname(sys.executable), "ray")
    arguments = ["sweep", "cartpole-v1", "--agents", "ppo", "--seeds", str(args.seeds), "--steps", str(args.steps)]
    print(f"gym {' '.join(arguments)} ({os.cpu_count()} cores)")
    rows = [("here, one run after another", *sweep(args.gym, arguments, []))]
    for cpus in (1, 2):
        port = free_port()
        subprocess.run([ray, "start", "--head", f"--port={port}", f"--num-cpus={cpus}", "--include-dashboard=false",
                        "--disable-usage-stats"], check=True, capture_output=True)
        try:
            rows.append((f"Ray, {cpus} worker CPU{'s' if cpus > 1 else ''}", *sweep(args.gym, arguments, ["--ray", f"127.0.0.1:{port}"])))
        finally:
            subprocess.run([ray, "stop", "--force"], capture_output=True)
    print(f"{'where':32} {'runs':>5} {'seconds':>8} {'runs/min':>9}")
    for name, runs, seconds in rows:
        print(f"{name:32} {runs:5d} {seconds:8.1f} {runs * 60 / seconds:9.1f}")


if __name__ == "__main__":
    main()
