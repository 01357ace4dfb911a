"""Running `gym` from the benchmark tools: a failed command ends the tool with gym's own message instead of a
Python traceback."""
import subprocess
import sys


def run_gym(command):
    """`command`'s standard output (command[0] is the gym binary); on failure, exits with gym's message."""
    try:
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout
    except subprocess.CalledProcessError as failure:
        sys.exit(f"gym {' '.join(command[1:3])} failed (exit status {failure.returncode}): {failure.stderr.strip()}")
