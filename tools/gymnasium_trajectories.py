#!/usr/bin/env python3
"""Record reference trajectories from Gymnasium for the classic-control environments.

Each fixture holds the initial state, the actions, and after every step the full float64 state, the
reward and the terminated flag, so that SwiftGym's JSON versions can be compared to 1e-9 in the state
(Tests/GymMDPTests/GymnasiumTrajectoryTests.swift). Run with `make gymnasium-fixtures`, which creates
.venv-peers with gymnasium; it writes Tests/GymMDPTests/Fixtures/gymnasium-*.json.

Pendulum actions are passed as float64 arrays: numpy 2 would otherwise compute the torque term in
float32 (see ../shared/peer-pitfalls.md).
"""
import json
import pathlib
import random

import gymnasium as gym
import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "GymMDPTests" / "Fixtures"


def record(gym_id, swift_id, initial_state, actions, continuous):
    env = gym.make(gym_id).unwrapped
    env.reset(seed=0)
    env.state = np.array(initial_state, dtype=np.float64)
    steps = []
    for action in actions:
        a = np.array([action], dtype=np.float64) if continuous else action
        _, reward, terminated, truncated, _ = env.step(a)
        steps.append({"state": [float(x) for x in env.state], "reward": float(reward), "terminated": bool(terminated)})
        if terminated:
            break
    actions = actions[: len(steps)]
    fixture = {"gymnasium_id": gym_id, "id": swift_id, "gymnasium_version": gym.__version__,
               "initial_state": initial_state, "actions": [[a] for a in actions] if continuous else actions, "steps": steps}
    (OUT / f"gymnasium-{swift_id}.json").write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"{swift_id}: {len(steps)} steps from Gymnasium {gym.__version__}")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(12345)
    # CartPole: a noisy balancing policy so that the episode lasts, then drifts out.
    record("CartPole-v1", "cartpole-v1", [0.01, -0.02, 0.03, 0.015],
           [rng.choice([0, 1]) if i % 3 else (1 if i % 2 else 0) for i in range(200)], continuous=False)
    record("Pendulum-v1", "pendulum-v1", [2.5, -0.7], [rng.uniform(-2.0, 2.0) for _ in range(200)], continuous=True)
    record("MountainCar-v0", "mountain-car-v1", [-0.52, 0.0], [rng.choice([0, 1, 2, 2]) for _ in range(200)], continuous=False)
    # A MountainCar run that reaches the goal: push with the velocity.
    env = gym.make("MountainCar-v0").unwrapped
    env.reset(seed=0)
    env.state = np.array([-0.5, 0.0])
    actions = []
    for _ in range(200):
        actions.append(2 if env.state[1] >= 0 else 0)
        if env.step(actions[-1])[2]:
            break
    record("MountainCar-v0", "mountain-car-v1-goal", [-0.5, 0.0], actions, continuous=False)


if __name__ == "__main__":
    main()
