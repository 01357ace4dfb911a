"""A user's own MDP, written as JSON, trained from Python: tabular Q-learning with numpy on eight copies
stepped together in Swift, then the greedy policy's return beside the optimum (-15).

    python python/examples/own_mdp_q_learning.py [steps]

The MDP is Sutton and Barto's windy gridworld (example 6.5), written the way a newcomer would.
"""
import json
import os
import sys
import tempfile

import gymnasium
import numpy as np

import swiftgym

WINDY = {
    "format": "swiftgym.mdp/1", "id": "my-windy-gridworld-v1", "kind": "grid",
    "title": "A windy gridworld (Sutton and Barto, example 6.5)",
    "description": "Observation: the cell index. Actions: up, right, down, left. After each move the wind of the column "
                   "moved from blows the agent up (0 0 0 1 1 1 2 2 1 0). Reward: -1 per step. Start: 3,0. Episode end: "
                   "terminated at the goal 3,7; truncated after 500 steps. Optimal return -15.",
    "discount": 1.0, "max_episode_steps": 500,
    "layout": ["..........", "..........", "..........", "S......G..", "..........", "..........", ".........."],
    "legend": {".": {"type": "floor"}, "S": {"type": "start"}, "G": {"type": "terminal"}},
    "living_reward": -1,
    "wind": {"direction": "up", "strength": [0, 0, 0, 1, 1, 1, 2, 2, 1, 0]},
}


def train(path, steps, copies=8, alpha=0.5, epsilon=0.1, seed=0):
    envs = swiftgym.make_vec(path, copies, autoreset_mode=gymnasium.vector.AutoresetMode.SAME_STEP)
    q = np.zeros((envs.single_observation_space.n, envs.single_action_space.n))
    rng = np.random.default_rng(seed)
    states, _ = envs.reset(seed=seed)
    for _ in range(steps // copies):
        greedy = q[states].argmax(axis=1)
        actions = np.where(rng.random(copies) < epsilon, rng.integers(q.shape[1], size=copies), greedy)
        nexts, rewards, terminated, truncated, infos = envs.step(actions)
        # A copy whose episode ended learns from its final state; the vector has already reset it.
        targets = nexts.copy()
        for i in np.flatnonzero(terminated | truncated):
            targets[i] = infos["final_obs"][i]
        bootstrap = np.where(terminated, 0.0, q[targets].max(axis=1))
        q[states, actions] += alpha * (rewards + bootstrap - q[states, actions])
        states = nexts
    envs.close()
    return q


def greedy_return(path, q):
    env = swiftgym.make(path)
    state, _ = env.reset(seed=0)
    total = 0.0
    while True:
        state, reward, terminated, truncated, _ = env.step(int(q[state].argmax()))
        total += reward
        if terminated or truncated:
            return total


def main(steps):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "my-windy-gridworld-v1.json")
        with open(path, "w") as f:
            json.dump(WINDY, f)
        q = train(path, steps)
        result = greedy_return(path, q)
    print(f"greedy return after {steps} steps on 8 copies: {result:.0f} (optimum -15)")
    return result


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 80_000)
