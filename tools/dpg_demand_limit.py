"""How close DPG can come to q*(p) on demand-continuous-v1 at the file's discount in 20k steps
(`make bench-dpg-limit`): the best any critic could do with the data of one run, beside what
`gym train --agent dpg` reaches.

The metric is max |q(p) - q*(p)| over 31 points p in [-1.5, 1.5], where q(p) is the greedy action.

The critic here is given every advantage a real one lacks, so its error is a floor for DPG's:
- the data is DPG's at its best: `learning_starts` uniform random actions, then the optimal action q*(p)
  plus DPG's Gaussian exploration noise (`exploration_noise` x q_max), clipped to the bounds, in 100-step
  episodes started from the stationary distribution, as the file says;
- the TD target bootstraps from the true value of the next state, r + gamma V*(p'), not from a learned one;
- the critic has the true form, Q(p, q) = f(p) + q g(p) - k q^2 with f quadratic and g linear (6 numbers,
  against about 67,000 in DPG's 256x256 critic), fitted by least squares, and in the weighted variant
  with each target weighted by the true variance of its noise.
Its greedy action is g(p) / 2k. The remaining error is the noise of gamma V*(p') about its mean, which no
critic trained on sampled transitions escapes: the action does not move the state, so only the exploration
noise tells the action's effect apart from the next state's value.

V*(p) = ((p^2 - s^2) / (1 - gamma rho^2) + s^2 / (1 - gamma)) / 4c with s^2 = sigma^2 / (1 - rho^2), the
value of q*(p) = p / 2c while the clip at q_max does not bind (|p| <= 2c q_max).
"""
import argparse
import json
import os
import tempfile

import numpy as np

from gym_command import run_gym

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POINTS = np.linspace(-1.5, 1.5, 31)


def read_model(path):
    with open(path) as f:
        spec = json.load(f)
    parameters = spec["parameters"]
    return dict(rho=parameters["rho"], sigma=parameters["sigma"], c=parameters["c"], q_max=parameters["q_max"],
                gamma=spec["discount"], episode=spec["max_episode_steps"])


def simulated_runs(model, runs, steps, seed):
    """States, next states and the random draws of `runs` independent runs of DPG's data, as arrays (runs, steps)."""
    rho, sigma, q_max = model["rho"], model["sigma"], model["q_max"]
    rng = np.random.default_rng(seed)
    stationary = sigma / np.sqrt(1 - rho ** 2)
    p = np.empty((runs, steps))
    noise = rng.normal(0, sigma, (runs, steps))
    for t in range(steps):
        p[:, t] = rng.normal(0, stationary, runs) if t % model["episode"] == 0 else rho * p[:, t - 1] + noise[:, t - 1]
    return dict(p=p, next_p=rho * p + noise, uniform=rng.uniform(-q_max, q_max, (runs, steps)),
                normal=rng.normal(0, 1, (runs, steps)))


def optimal_actions(model):
    """q*(p) at POINTS: p / 2c, clipped to the bounds."""
    return np.clip(POINTS / (2 * model["c"]), -model["q_max"], model["q_max"])


def oracle_errors(model, data, learning_starts, exploration):
    """The max error over POINTS of the oracle critic's greedy action, one a simulated run of `data`, fitted by
    unweighted and by weighted least squares: a pair of arrays."""
    rho, sigma, c, q_max, gamma = (model[k] for k in ("rho", "sigma", "c", "q_max", "gamma"))
    p, next_p = data["p"], data["next_p"]
    runs, steps = p.shape
    explored = np.clip(p / (2 * c) + exploration * q_max * data["normal"], -q_max, q_max)
    q = np.where(np.arange(steps) < learning_starts, data["uniform"], explored)
    stationary = sigma ** 2 / (1 - rho ** 2)
    value = (next_p ** 2 - stationary) / (4 * c * (1 - gamma * rho ** 2)) + stationary / (4 * c * (1 - gamma))
    targets = q * p - c * q ** 2 + gamma * value
    # Proportional to the standard deviation of gamma V*(p') given p: V*(p') is a multiple of p'^2 plus a
    # constant, and p' ~ N(rho p, sigma^2).
    spread = np.sqrt(4 * rho ** 2 * p ** 2 * sigma ** 2 + 2 * sigma ** 4)
    optimum = optimal_actions(model)
    errors = np.empty((2, runs))
    for r in range(runs):
        features = np.stack([np.ones(steps), p[r], p[r] ** 2, q[r], q[r] * p[r], q[r] ** 2], axis=1)
        for weighted, scale in enumerate((np.ones(steps), spread[r])):
            coefficients, *_ = np.linalg.lstsq(features / scale[:, None], targets[r] / scale, rcond=None)
            greedy = np.clip((coefficients[3] + coefficients[4] * POINTS) / (-2 * coefficients[5]), -q_max, q_max)
            errors[weighted, r] = np.abs(greedy - optimum).max()
    return errors[0], errors[1]


def agent_error(gym, seed, steps, settings, model):
    """DPG's max error over POINTS after `gym train` with this seed, read through `gym act`."""
    with tempfile.TemporaryDirectory(prefix="swiftgym-dpg-limit-") as out:
        command = [gym, "train", "demand-continuous-v1", "--agent", "dpg", "--steps", str(steps), "--seed", str(seed),
                   "--out", out] + [word for s in settings for word in ("--set", s)]
        run_gym(command)
        actions = []
        for point in POINTS:
            answer = run_gym([gym, "act", "--checkpoint", os.path.join(out, "agent.ckpt"),
                              "--observation", f"[{point}]", "--json"])
            actions.append(json.loads(answer)["action"][0])
    return np.abs(np.array(actions) - optimal_actions(model)).max()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gym", default=os.path.join(ROOT, ".build", "release", "gym"))
    parser.add_argument("--steps", type=int, default=20000)
    parser.add_argument("--learning-starts", type=int, default=1000, help="DPG's default")
    parser.add_argument("--runs", type=int, default=400, help="simulated runs per oracle line")
    parser.add_argument("--agent-seeds", type=int, default=5, help="gym train runs of DPG (0: none)")
    parser.add_argument("--set", action="append", default=[], help="a DPG setting for gym train, as NAME=VALUE")
    parser.add_argument("--tolerance", type=float, default=0.05, help="the target error")
    args = parser.parse_args()
    model = read_model(os.path.join(ROOT, "Environments", "demand-continuous-v1.json"))
    print(f"demand-continuous-v1 at gamma {model['gamma']}, {args.steps} steps; max |q(p) - q*(p)| over 31 points in [-1.5, 1.5]")
    print(f"oracle critic (true form, true next-state values), {args.runs} simulated runs each:")
    data = simulated_runs(model, args.runs, args.steps, seed=1)
    for exploration in (0.1, 0.2):
        for weighted, errors in enumerate(oracle_errors(model, data, args.learning_starts, exploration)):
            print(f"  exploration_noise {exploration} ({exploration * model['q_max']:.1f} in action units), "
                  f"{'weighted' if weighted else 'unweighted'} least squares: median {np.median(errors):.3f}, "
                  f"mean {errors.mean():.3f}, within {args.tolerance} in {100 * np.mean(errors <= args.tolerance):.0f}% of runs")
    if args.agent_seeds > 0:
        errors = [agent_error(args.gym, seed, args.steps, args.set, model) for seed in range(args.agent_seeds)]
        shown = ", ".join(f"{e:.3f}" for e in errors)
        seeds = "seed 0" if args.agent_seeds == 1 else f"seeds 0-{args.agent_seeds - 1}"
        print(f"gym train --agent dpg {' '.join('--set ' + s for s in args.set)}".rstrip()
              + f", {seeds}: {shown} (mean {np.mean(errors):.3f})")


if __name__ == "__main__":
    main()
