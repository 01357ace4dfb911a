"""The Ray driver of `gym sweep --ray` and `gym compare --ray` (Specs/cluster.md).

    python -m swiftgym.cluster PLAN.json

`gym` writes the plan: the cluster's address, the gym executable, and every run's `gym train` arguments
and directory. Each run becomes a Ray task needing one CPU. The task runs `gym train` on whichever node
has a CPU free, packs the run directory and returns it; the driver unpacks it where the plan says.
Ray schedules, retries nothing by itself (max_retries=0), and this driver tries a failed run once more,
so that both failures can be reported by name. Standard output carries one JSON object per line for
gym to read: {"event": "finished" | "retrying" | "failed", "name": ..., "node" | "reason": ...}, then
{"event": "done"}. Exit status: 0 when every run finished, 1 when some failed twice, 2 when Ray could not
be used at all.
"""
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile


class RunFailed(Exception):
    """`gym train` could not be run on a node, or ended without finishing."""


def threads(arguments):
    """The CPUs a run takes: its `gym train --threads N`, else 1."""
    for flag, value in zip(arguments, arguments[1:]):
        if flag == "--threads":
            return int(value)
    return 1


def train(gym, arguments, files):
    """A Ray task: one `gym train` on this node, in a scratch directory; returns the node and the run
    directory as a gzipped tar. A JSON MDP file the node lacks (or holds with other contents) is written
    into the scratch directory and named there instead."""
    import ray

    node = ray.util.get_node_ip_address()
    if not os.access(gym, os.X_OK):
        raise RunFailed(f"node {node} has no executable {gym}; install SwiftGym at the same path on every node")
    with tempfile.TemporaryDirectory(prefix="swiftgym-run-") as scratch:
        arguments = list(arguments)
        for file in files:
            try:
                with open(file["path"], encoding="utf-8") as existing:
                    if existing.read() == file["text"]:
                        continue
            except OSError:
                pass
            local = os.path.join(scratch, os.path.basename(file["path"]))
            with open(local, "w", encoding="utf-8") as copy:
                copy.write(file["text"])
            arguments = [local if argument == file["path"] else argument for argument in arguments]
        out = os.path.join(scratch, "run")
        done = subprocess.run([gym, *arguments, "--out", out], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
        if done.returncode != 0:
            ending = f"was killed by signal {-done.returncode}" if done.returncode < 0 else f"exited with status {done.returncode}"
            last = " | ".join(done.stderr.strip().splitlines()[-3:])
            raise RunFailed(f"gym train {ending} on {node}" + (f": {last}" if last else ""))
        archive = io.BytesIO()
        with tarfile.open(fileobj=archive, mode="w:gz") as tar:
            tar.add(out, arcname=".")
        return node, archive.getvalue()


def unpack(archive, directory, arguments):
    """Puts a run's files in `directory`, replacing what was there, with arguments.json written last
    inside it (what marks the run finished for a later sweep into the same directory)."""
    parent = os.path.dirname(directory)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".incoming-", dir=parent)
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        tar.extractall(staging, filter="data")
    with open(os.path.join(staging, "arguments.json"), "w", encoding="utf-8") as record:
        json.dump(arguments, record, separators=(",", ":"))
        record.write("\n")
    shutil.rmtree(directory, ignore_errors=True)
    os.rename(staging, directory)


def reason(error):
    """A failure in one line: the task's own exception, or what Ray says happened to its worker or node."""
    import ray

    if isinstance(error, ray.exceptions.RayTaskError) and error.cause is not None:
        return str(error.cause)
    if isinstance(error, ray.exceptions.WorkerCrashedError):
        return "its Ray worker process died while running it (killed, or out of memory)"
    first = str(error).strip().splitlines()
    return f"{type(error).__name__}: {first[0] if first else ''}"


_events = sys.stdout


def emit(**event):
    print(json.dumps(event), file=_events, flush=True)


def keep_stdout_for_events():
    """Moves file descriptor 1 to standard error, so that what Ray's processes print on it (a raylet's
    notice that a worker died, say) cannot mix with the events, which keep the original standard output."""
    global _events
    sys.stdout.flush()
    _events = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)


def use_token_if_there_is_one():
    """`ray start` turns token authentication on when this machine has a token, but a driver that connects
    uses one only when RAY_AUTH_MODE says so; without it, connecting fails after twenty seconds of retries.
    Sets RAY_AUTH_MODE=token when a token is there (an explicit RAY_AUTH_MODE is kept). Ray reads the
    variable when it is imported, so this must come first; once Ray is imported it does nothing, since the
    clusters this process starts would then use a token that the process itself does not send."""
    if "RAY_AUTH_MODE" in os.environ or "ray" in sys.modules:
        return
    path = os.environ.get("RAY_AUTH_TOKEN_PATH") or os.path.join(os.path.expanduser("~"), ".ray", "auth_token")
    if os.environ.get("RAY_AUTH_TOKEN") or os.path.exists(path):
        os.environ["RAY_AUTH_MODE"] = "token"


def main(argv):
    if len(argv) != 2:
        print("usage: python -m swiftgym.cluster PLAN.json (written by gym sweep --ray or gym compare --ray)", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as file:
        plan = json.load(file)
    use_token_if_there_is_one()
    try:
        import ray
    except ImportError:
        print(f"{sys.executable} has no Ray; install it with `pip install 'ray[default]'`, "
              "or name a Python that has it with --python or SWIFTGYM_PYTHON", file=sys.stderr)
        return 2
    keep_stdout_for_events()
    address = plan["address"]
    try:
        if address == "local":
            ray.init(log_to_driver=False, logging_level="ERROR", include_dashboard=False)
        else:
            ray.init(address=address, log_to_driver=False, logging_level="ERROR")
    except (ConnectionError, RuntimeError, ValueError) as error:
        print(f"could not connect to the Ray cluster at {address}: {error}. Start one with `ray start --head`, "
              "or pass --ray local", file=sys.stderr)
        return 2
    task = ray.remote(num_cpus=1, max_retries=0)(train)
    gym, files = plan["gym"], plan.get("files", [])
    pending = {}

    def submit(run, attempt):
        reference = task.options(name=f"gym train {run['name']}", num_cpus=threads(run["arguments"])).remote(
            gym, run["arguments"], files)
        pending[reference] = (run, attempt)

    for run in plan["runs"]:
        submit(run, 1)
    failed = 0
    while pending:
        ready, _ = ray.wait(list(pending), num_returns=1)
        run, attempt = pending.pop(ready[0])
        try:
            node, archive = ray.get(ready[0])
        except ray.exceptions.RayError as error:
            if attempt == 1:
                emit(event="retrying", name=run["name"], reason=reason(error))
                submit(run, 2)
            else:
                emit(event="failed", name=run["name"], reason=reason(error))
                failed += 1
            continue
        unpack(archive, run["directory"], run["arguments"])
        emit(event="finished", name=run["name"], node=node)
    emit(event="done")
    ray.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
