#!/usr/bin/env python3
"""The browser check of SwiftGym's pictures (`make check-visuals`, part of `make test`).

Makes an episode SVG, a value map, a training report and a comparison page with the `gym` binary, then
opens each in headless Chromium: it takes screenshots (left in OUT for a person to look at) and, through
a small page that loads the report in a frame, asserts in the browser that the curve, the tables and the
animation are laid out with a size and that the animation has its frames; screenshots of the animation
with its clock set to two times must differ, so it plays. (Chromium's virtual time is not exact enough
to compare screenshots taken at two budgets, so the check sets the SMIL clock instead.) Standard library only.

Usage: tools/check_visuals.py [--gym .build/release/gym] [--out runs/visuals]
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

PROBE = """<!DOCTYPE html><html><body><iframe id="page" src="%(page)s" style="width:1200px;height:3000px"></iframe>
<pre id="result">pending</pre>
<script>
function box(doc, selector) {
  const element = doc.querySelector(selector);
  if (!element) return null;
  const r = element.getBoundingClientRect();
  return {width: Math.round(r.width), height: Math.round(r.height), top: Math.round(r.top)};
}
const frame = document.getElementById("page");
frame.onload = () => {
  const doc = frame.contentDocument;
  const result = {
    curve: box(doc, "#curve svg"), curve_lines: doc.querySelectorAll("#curve svg polyline").length,
    table: box(doc, "#final table"), table_rows: doc.querySelectorAll("#final table tr").length,
    settings: box(doc, "#settings table"), animation: box(doc, "#animation svg"),
    frames: doc.querySelectorAll("#animation g.frame").length,
  };
  document.getElementById("result").textContent = JSON.stringify(result);
};
</script></body></html>
"""


SEEK_FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="%(page)s" style="width:1200px;height:400px;border:0"></iframe>
<script>document.getElementById("f").onload = () =>
  document.getElementById("f").contentDocument.querySelector("#animation svg").setCurrentTime(%(at)s);</script></body></html>
"""


def seeked(path, at, out):
    """A copy of the SVG at `path` whose animation clock is set to `at` seconds when it loads; its URL."""
    copy = os.path.join(out, f"seek-{at:.3f}-" + os.path.basename(path))
    text = open(path).read().replace("<svg ", f'<svg onload="document.documentElement.setCurrentTime({at})" ', 1)
    with open(copy, "w") as f:
        f.write(text)
    return "file://" + copy


def browser():
    for name in ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    sys.exit("check-visuals: no Chromium found (make check-visuals installs chromium-headless-shell)")


def chromium(*args):
    command = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        sys.exit(f"check-visuals: {' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def screenshot(url, path, size, budget_ms=200):
    chromium("--allow-file-access-from-files", f"--screenshot={path}", f"--window-size={size}", f"--virtual-time-budget={budget_ms}", url)
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def gym(binary, *args):
    done = subprocess.run([binary, *args], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        sys.exit(f"check-visuals: gym {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def check(condition, message):
    if not condition:
        sys.exit("check-visuals: FAILED: " + message)
    print("  ok  " + message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gym", default=".build/release/gym")
    parser.add_argument("--out", default="runs/visuals")
    options = parser.parse_args()
    out = os.path.abspath(options.out)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    binary = os.path.abspath(options.gym)

    print("check-visuals: episode animations")
    for env_id, size in (("cartpole-v1", "600,424"), ("mountain-car-v1", "600,424"), ("gridworld-v1", "384,312")):
        path = os.path.join(out, env_id + ".svg")
        gym(binary, "rollout", env_id, "--seed", "3", "--steps", "60", "--svg", path)
        text = open(path).read()
        frames = len(re.findall(r'<g class="frame"', text))
        check(frames >= 2, f"{env_id}: the SVG has {frames} frames, one per step and the reset")
        loop = float(re.search(r'dur="([0-9.]+)s"', text).group(1))
        shots = [screenshot(seeked(path, at, out), os.path.join(out, f"{env_id}-{k}.png"), size) for k, at in enumerate((0, loop / 2))]
        check(shots[0] != shots[1], f"{env_id}: the browser shows another frame half way through the loop ({loop / 2:.2f} s)")

    print("check-visuals: value map")
    path = os.path.join(out, "gridworld-risky.svg")
    gym(binary, "solve", "gridworld-v1", "--param", "living_reward=-2", "--svg", path)
    screenshot("file://" + path, os.path.join(out, "gridworld-risky.png"), "420,340")
    check(open(path).read().count("<polygon") == 9, "the value map draws an arrow in each of the 9 open cells that are not terminal")

    print("check-visuals: training report")
    run = os.path.join(out, "run")
    gym(binary, "train", "gridworld-v1", "--agent", "q-learning", "--steps", "5000", "--seed", "1", "--out", run)
    probe = os.path.join(out, "probe.html")
    with open(probe, "w") as f:
        f.write(PROBE % {"page": "run/report.html"})
    dom = chromium("--allow-file-access-from-files", "--virtual-time-budget=3000", "--dump-dom", "file://" + probe)
    found = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    check(found and found.group(1) != "pending", "the probe page read the report in the browser")
    result = json.loads(found.group(1).replace("&quot;", '"'))
    print("      " + json.dumps(result))
    check(result["curve"] and result["curve"]["width"] > 300 and result["curve"]["height"] > 200 and result["curve_lines"] >= 1,
          "the report shows the learning curve")
    check(result["table"] and result["table"]["height"] > 40 and result["table_rows"] >= 3, "the report shows the final-evaluation table")
    check(result["settings"] and result["settings"]["height"] > 40, "the report shows the hyperparameters")
    check(result["animation"] and result["animation"]["width"] > 100 and result["frames"] >= 2, "the report shows the animation")
    # The animation alone, scrolled to in a frame and its clock set: the frames shown at two times differ.
    loop = float(re.search(r'dur="([0-9.]+)s"', open(os.path.join(run, "report.html")).read()).group(1))
    shots = []
    for k, at in enumerate((0, loop / 2)):
        window = os.path.join(out, f"animation-{k}.html")
        with open(window, "w") as f:
            f.write(SEEK_FRAME % {"page": "run/report.html#animation", "at": at})
        shots.append(screenshot("file://" + window, os.path.join(out, f"report-animation-{k}.png"), "1200,400", 500))
    check(shots[0] != shots[1], "the report's animation plays: another frame shows half way through the loop")
    screenshot("file://" + os.path.join(run, "report.html"), os.path.join(out, "report.png"), "1200,2400", 800)

    print("check-visuals: comparison page")
    compare = os.path.join(out, "compare")
    gym(binary, "compare", "gridworld-v1", "--agents", "q-learning,sarsa", "--seeds", "2", "--steps", "3000", "--out", compare)
    html = open(os.path.join(compare, "compare.html")).read()
    check(html.count("<polyline") >= 2 and "<table>" in html, "compare.html has a curve per agent and the table")
    screenshot("file://" + os.path.join(compare, "compare.html"), os.path.join(out, "compare.png"), "1200,1000")
    print(f"check-visuals: passed; screenshots in {options.out}")


if __name__ == "__main__":
    main()
