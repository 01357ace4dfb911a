"""PPO written in the manner of CleanRL's ppo.py, on `swiftgym.make_vec`: one file, top to bottom.

    pip install "torch==2.13.*"          # or: make integration, which makes .venv-integration
    python python/examples/cleanrl_ppo.py [steps]

Eight CartPoles step natively; the rollout, GAE and the clipped update are CleanRL's, with RL Zoo's
CartPole settings. The vector resets copies in the step that ends their episode (same-step mode), and
a time limit bootstraps from the final observation.
"""
import sys
import time

import gymnasium as gym
import numpy as np
import torch
from torch import nn

import swiftgym

# Hyperparameters: RL Zoo's CartPole-v1 PPO (hyperparams/ppo.yml), CleanRL's names.
num_envs, num_steps, total_timesteps = 8, 32, int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
learning_rate, gamma, gae_lambda, update_epochs, minibatch_size = 1e-3, 0.98, 0.8, 20, 256
clip_coef, vf_coef, max_grad_norm, seed = 0.2, 0.5, 0.5, 0

torch.manual_seed(seed)
envs = swiftgym.make_vec("cartpole-v1", num_envs, autoreset_mode=gym.vector.AutoresetMode.SAME_STEP)
obs_size, n_actions = envs.single_observation_space.shape[0], envs.single_action_space.n


def layer(inputs, outputs, std=np.sqrt(2)):
    linear = nn.Linear(inputs, outputs)
    nn.init.orthogonal_(linear.weight, std)
    nn.init.constant_(linear.bias, 0.0)
    return linear


critic = nn.Sequential(layer(obs_size, 64), nn.Tanh(), layer(64, 64), nn.Tanh(), layer(64, 1, std=1.0))
actor = nn.Sequential(layer(obs_size, 64), nn.Tanh(), layer(64, 64), nn.Tanh(), layer(64, n_actions, std=0.01))
optimizer = torch.optim.Adam(list(actor.parameters()) + list(critic.parameters()), lr=learning_rate, eps=1e-5)

obs_buf = torch.zeros((num_steps, num_envs, obs_size))
actions_buf = torch.zeros((num_steps, num_envs), dtype=torch.long)
logprobs_buf, rewards_buf, dones_buf, values_buf = (torch.zeros((num_steps, num_envs)) for _ in range(4))

started = time.perf_counter()
next_obs = torch.tensor(envs.reset(seed=seed)[0])
next_done = torch.zeros(num_envs)
iterations = total_timesteps // (num_envs * num_steps)
for iteration in range(iterations):
    optimizer.param_groups[0]["lr"] = learning_rate * (1 - iteration / iterations)  # linear schedules, as RL Zoo
    clip = clip_coef * (1 - iteration / iterations)
    for step in range(num_steps):
        obs_buf[step], dones_buf[step] = next_obs, next_done
        with torch.no_grad():
            distribution = torch.distributions.Categorical(logits=actor(next_obs))
            action = distribution.sample()
            values_buf[step] = critic(next_obs).flatten()
        actions_buf[step], logprobs_buf[step] = action, distribution.log_prob(action)
        observations, rewards, terminated, truncated, infos = envs.step(action.numpy())
        rewards = torch.tensor(rewards, dtype=torch.float32)
        for i in np.flatnonzero(truncated & ~terminated):  # a time limit is not the end of the MDP
            with torch.no_grad():
                rewards[i] += gamma * critic(torch.tensor(infos["final_obs"][i])).item()
        rewards_buf[step] = rewards
        next_obs, next_done = torch.tensor(observations), torch.tensor(terminated | truncated, dtype=torch.float32)

    with torch.no_grad():  # generalised advantage estimation
        next_value = critic(next_obs).flatten()
        advantages, last = torch.zeros_like(rewards_buf), 0
        for t in reversed(range(num_steps)):
            live = 1.0 - (next_done if t == num_steps - 1 else dones_buf[t + 1])
            following = next_value if t == num_steps - 1 else values_buf[t + 1]
            delta = rewards_buf[t] + gamma * following * live - values_buf[t]
            advantages[t] = last = delta + gamma * gae_lambda * live * last
        returns = advantages + values_buf

    b_obs, b_actions, b_logprobs = obs_buf.reshape(-1, obs_size), actions_buf.reshape(-1), logprobs_buf.reshape(-1)
    b_advantages, b_returns = advantages.reshape(-1), returns.reshape(-1)
    indices = np.arange(num_steps * num_envs)
    for epoch in range(update_epochs):
        np.random.default_rng(seed + iteration * update_epochs + epoch).shuffle(indices)
        for start in range(0, len(indices), minibatch_size):
            mb = indices[start:start + minibatch_size]
            distribution = torch.distributions.Categorical(logits=actor(b_obs[mb]))
            ratio = (distribution.log_prob(b_actions[mb]) - b_logprobs[mb]).exp()
            mb_adv = (b_advantages[mb] - b_advantages[mb].mean()) / (b_advantages[mb].std() + 1e-8)
            policy_loss = torch.max(-mb_adv * ratio, -mb_adv * ratio.clamp(1 - clip, 1 + clip)).mean()
            value_loss = 0.5 * ((critic(b_obs[mb]).flatten() - b_returns[mb]) ** 2).mean()
            optimizer.zero_grad()
            (policy_loss + vf_coef * value_loss).backward()
            nn.utils.clip_grad_norm_(list(actor.parameters()) + list(critic.parameters()), max_grad_norm)
            optimizer.step()

env, returns = swiftgym.make("cartpole-v1"), []
for episode in range(10):
    observation, _ = env.reset(seed=100 + episode)
    total, done = 0.0, False
    while not done:
        with torch.no_grad():
            action = int(actor(torch.tensor(observation)).argmax())
        observation, reward, terminated, truncated, _ = env.step(action)
        total, done = total + reward, terminated or truncated
    returns.append(total)
print(f"PPO (CleanRL style) on {num_envs} native CartPoles, {iterations * num_envs * num_steps} steps in "
      f"{time.perf_counter() - started:.1f} s: greedy return {np.mean(returns):.1f} ± {np.std(returns):.1f} over 10 episodes")
