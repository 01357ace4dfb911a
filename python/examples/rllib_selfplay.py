"""Two RLlib PPO policies in self-play on SwiftGym's rock-paper-scissors-v2, through RLlib's PettingZoo
adapter (ParallelPettingZooEnv), then the exploitability of what they learned, computed exactly by
`gym evaluate` on the game's payoff matrix.

    python python/examples/rllib_selfplay.py --iterations 20

Each trained policy is turned into the mixed strategy it plays: its action probabilities, averaged over the
observations it meets in --episodes episodes against the other policy. `gym evaluate
rock-paper-scissors-v2 --strategies` then gives each player's best-response gain and the exploitability
(NashConv / 2). The game's only equilibrium is uniform play, of exploitability 0; a deterministic
policy is exploitable by 1.
"""
import argparse
import json
import os
import shutil
import subprocess

import numpy as np
import ray
import torch
from ray.rllib.algorithms.ppo import PPOConfig
from ray.rllib.connectors.env_to_module import FlattenObservations
from ray.rllib.core.rl_module.default_model_config import DefaultModelConfig
from ray.rllib.core.rl_module.multi_rl_module import MultiRLModuleSpec
from ray.rllib.core.rl_module.rl_module import RLModuleSpec
from ray.rllib.env.wrappers.pettingzoo_env import ParallelPettingZooEnv
from ray.tune.registry import register_env

GAME = "rock-paper-scissors-v2"
POLICY = {"player_0": "p0", "player_1": "p1"}


def swiftgym_game(config):
    """An env creator: the SwiftGym game as a PettingZoo ParallelEnv, in RLlib's adapter."""
    import swiftgym  # in every process that calls this creator

    return ParallelPettingZooEnv(swiftgym.parallel_env(GAME, **config))


def selfplay_config(seed):
    return (
        PPOConfig()
        .environment("swiftgym-rps")
        .env_runners(num_env_runners=0, env_to_module_connector=lambda env, spaces, device: FlattenObservations(multi_agent=True))
        .multi_agent(policies=set(POLICY.values()), policy_mapping_fn=lambda agent, episode, **kwargs: POLICY[agent])
        .training(vf_loss_coeff=0.005)
        .rl_module(
            model_config=DefaultModelConfig(fcnet_hiddens=[64, 64], vf_share_layers=True),
            rl_module_spec=MultiRLModuleSpec(rl_module_specs={name: RLModuleSpec() for name in POLICY.values()}),
        )
        .debugging(seed=seed)
    )


def probabilities(module, observation):
    with torch.no_grad():
        out = module.forward_inference({"obs": torch.as_tensor(observation, dtype=torch.float32)[None]})
    return torch.softmax(out["action_dist_inputs"][0], dim=-1).numpy().astype(np.float64)


def played_strategies(algorithm, episodes, seed):
    """Each player's action probabilities averaged over the observations met in self-play episodes."""
    import swiftgym

    game = swiftgym.parallel_env(GAME)
    modules = {agent: algorithm.get_module(policy) for agent, policy in POLICY.items()}
    totals = {agent: np.zeros(game.action_space(agent).n) for agent in POLICY}
    rng = np.random.default_rng(seed)
    for episode in range(episodes):
        observations, _ = game.reset(seed=seed + episode)
        while game.agents:
            actions = {}
            for agent in game.agents:
                p = probabilities(modules[agent], observations[agent])
                totals[agent] += p
                actions[agent] = int(rng.choice(len(p), p=p / p.sum()))
            observations, _, _, _, _ = game.step(actions)
    return {agent: (total / total.sum()).tolist() for agent, total in totals.items()}


def exploitability(strategies, gym):
    done = subprocess.run([gym, "evaluate", GAME, "--strategies", json.dumps(strategies), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--episodes", type=int, default=200, help="self-play episodes that define each player's strategy")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--gym", default=shutil.which("gym") or os.path.join(".build", "release", "gym"), help="the gym executable")
    args = parser.parse_args()

    ray.init(num_cpus=2, include_dashboard=False)
    register_env("swiftgym-rps", swiftgym_game)
    algorithm = selfplay_config(args.seed).build_algo()
    for iteration in range(1, args.iterations + 1):
        result = algorithm.train()
        returns = result["env_runners"].get("agent_episode_returns_mean", {})
        print(f"  iteration {iteration}: " + ", ".join(f"{agent} {value:+.2f}" for agent, value in sorted(returns.items())), flush=True)
    strategies = played_strategies(algorithm, args.episodes, args.seed)
    report = exploitability(strategies, args.gym)
    for agent, strategy in strategies.items():
        print(f"{agent} ({POLICY[agent]}) plays rock {strategy[0]:.3f}, paper {strategy[1]:.3f}, scissors {strategy[2]:.3f}; "
              f"best-response gain {report['best_response_gains'][agent]:.3f}")
    print(f"exploitability after {args.iterations} iterations (gym evaluate, exact): {report['exploitability']:.4f} "
          f"(NashConv {report['nash_conv']:.4f}; uniform play: 0, a deterministic policy: 1)")
    algorithm.stop()
    ray.shutdown()


if __name__ == "__main__":
    main()
