"""swiftgym's single environments: Gymnasium's checker, determinism, and the same dynamics as Gymnasium's own."""
import os

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import swiftgym

SHIPPED = [i for i in swiftgym.ids()]


@pytest.mark.parametrize("env_id", SHIPPED)
def test_gymnasium_checker_passes(env_id):
    env = swiftgym.make(env_id, render_mode="ansi")
    check_env(env)
    env.close()


def test_ansi_pictures_show_the_grid_the_state_and_the_round():
    lake = swiftgym.make("frozen-lake-4x4-v1", render_mode="ansi")
    lake.reset(seed=0)
    assert lake.render().splitlines() == ["AFFF", "FHFH", "FFFH", "HFFG"]  # the agent on the start cell
    cart = swiftgym.make("cartpole-v1", render_mode="ansi")
    cart.reset(seed=0, options={"initial_state": [0.5, 0, 0, 0]})
    assert cart.render().startswith("x = 0.5")
    envs = swiftgym.make_vec("rock-paper-scissors-v1", 2, render_mode="ansi")
    envs.reset(seed=0)
    assert envs.render() == ("round 1", "round 1")
    assert swiftgym.make("cartpole-v1").render() is None


def test_every_id_is_registered_with_gymnasium_and_makes_the_native_environments():
    assert {f"SwiftGym/{i}" for i in SHIPPED} <= set(gym.registry)
    env = gym.make("SwiftGym/frozen-lake-8x8-v1")
    assert isinstance(env.unwrapped, swiftgym.SwiftGymEnv)
    envs = gym.make_vec("SwiftGym/cartpole-v1", 4)
    assert isinstance(envs, swiftgym.SwiftGymVectorEnv) and envs.num_envs == 4


def test_dtypes_and_types_are_gymnasiums():
    env = swiftgym.make("cartpole-v1")
    observation, _ = env.reset(seed=0)
    assert observation.dtype == np.float32 and observation.shape == (4,)
    _, reward, terminated, truncated, _ = env.step(1)
    assert type(reward) is float and type(terminated) is bool and type(truncated) is bool
    lake = swiftgym.make("frozen-lake-8x8-v1")
    assert type(lake.reset(seed=0)[0]) is int


def test_same_seed_same_trajectory():
    def run(seed):
        env = swiftgym.make("frozen-lake-8x8-v1")
        trace = [env.reset(seed=seed)[0]]
        for t in range(200):
            observation, reward, terminated, truncated, _ = env.step(t % 4)
            trace.append((observation, reward))
            if terminated or truncated:
                trace.append(env.reset()[0])
        return trace
    assert run(3) == run(3)
    assert run(3) != run(4)


@pytest.mark.parametrize("gym_id,swift_id,state", [
    ("CartPole-v1", "cartpole-v1", [0.01, -0.02, 0.03, 0.04]),
    ("Pendulum-v1", "pendulum-v1", [0.5, -0.3]),
    ("MountainCar-v0", "mountain-car-v1", [-0.5, 0.0]),
])
def test_the_dynamics_match_gymnasiums_from_the_same_state(gym_id, swift_id, state):
    theirs, ours = gym.make(gym_id).unwrapped, swiftgym.make(swift_id)
    theirs.reset(seed=0)
    theirs.state = np.array(state, dtype=np.float64)
    ours.reset(seed=0, options={"initial_state": state})
    rng = np.random.default_rng(1)
    for t in range(150):
        action = theirs.action_space.sample() if gym_id != "Pendulum-v1" else rng.uniform(-2, 2, size=1)  # float64: float32 would make numpy 2 compute Gymnasium's step partly in float32
        if gym_id != "Pendulum-v1":
            action = int(rng.integers(theirs.action_space.n))
        o1, r1, d1, _, _ = theirs.step(action)
        o2, r2, d2, _, _ = ours.step(action)
        np.testing.assert_allclose(o2, o1, rtol=1e-5, atol=1e-6, err_msg=f"step {t}")
        assert np.isclose(r2, r1, rtol=1e-5, atol=1e-6) and d1 == d2, f"step {t}: reward {r2} against {r1}"
        if d1:
            break


@pytest.mark.parametrize("gym_kwargs,swift_id", [
    ({"id": "FrozenLake-v1", "map_name": "8x8", "is_slippery": True}, "frozen-lake-8x8-v1"),
    ({"id": "FrozenLake-v1", "map_name": "4x4", "is_slippery": True}, "frozen-lake-4x4-v1"),
    ({"id": "CliffWalking-v1"}, "cliff-walking-v1"),
])
def test_the_transition_tables_equal_gymnasiums(gym_kwargs, swift_id):
    kwargs = dict(gym_kwargs)
    theirs = gym.make(kwargs.pop("id"), **kwargs).unwrapped
    table = theirs.P
    model = swiftgym.describe(swift_id)["model"]
    ours = {}
    for state, action, probability, next_state, reward in model["transitions"]:
        key = (next_state, round(reward, 9), model["terminal"][next_state])
        row = ours.setdefault((state, action), {})
        row[key] = row.get(key, 0) + probability
    # The states an episode can visit (CliffWalking lists rows for its cliff cells, which it never occupies),
    # and which are not terminal (Gymnasium keeps rows for those; SwiftGym never steps from them).
    reachable, frontier = set(), [int(theirs.reset(seed=0)[0])]
    while frontier:
        s = frontier.pop()
        if s in reachable:
            continue
        reachable.add(s)
        frontier += [int(n) for outcomes in table[s].values() for _, n, _, done in outcomes if not done]
    assert model["start"] == [[int(theirs.reset(seed=0)[0]), 1.0]]
    for state in sorted(reachable):
        for action, outcomes in table[state].items():
            expected = {}
            for probability, next_state, reward, done in outcomes:
                key = (int(next_state), round(float(reward), 9), bool(done))
                expected[key] = expected.get(key, 0) + probability
            got = ours[(state, action)]
            assert got.keys() == expected.keys(), f"state {state}, action {action}: {got} against {expected}"
            for key in got:
                assert abs(got[key] - expected[key]) < 1e-12, f"state {state}, action {action}, outcome {key}"


REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.parametrize("library", [".build/plugins/libinventory.so", ".build/release/libSwiftRandomWalkPlugin.so"])
def test_plugin_environments_pass_the_checker_too(library):
    # `make python-test` builds both example plugins (one in C, one in Swift) first.
    before = set(swiftgym.ids())
    swiftgym.load_plugin(f"{REPOSITORY}/{library}")
    added = set(swiftgym.ids()) - before or {i for i in swiftgym.ids() if "/" in i}
    assert added, f"{library} registered no environment"
    for env_id in sorted(added):
        env = swiftgym.make(env_id)
        check_env(env, skip_render_check=True)
        env.close()
        envs = swiftgym.make_vec(env_id, 3)
        observations, _ = envs.reset(seed=0)
        envs.step(envs.action_space.sample())
        envs.close()


def test_a_plugin_that_does_not_exist_is_an_error_naming_it():
    with pytest.raises(swiftgym.PluginFailure, match="libmissing.so"):
        swiftgym.load_plugin("/nonexistent/libmissing.so")


@pytest.mark.parametrize("fault, message", [
    ("segv-step", r"plugin segv-step \(.*corridor-v1: step 3 of episode 1 crashed with SIGSEGV"),
    ("hang-step", r"corridor-v1: step 1 of episode 1 did not return within 0.5 s"),
])
def test_an_isolated_plugin_that_crashes_or_hangs_raises_and_python_goes_on(fault, message):
    # `make python-test` builds these hostile plugins (Tests/Hostile/plugins) beside the example ones.
    swiftgym.load_plugin(f"{REPOSITORY}/.build/plugins/lib{fault}.so", isolate=True, timeout=0.5)
    env = swiftgym.make(f"{fault}/corridor-v1")
    env.reset(seed=1)
    with pytest.raises(swiftgym.PluginFailure, match=message):
        for _ in range(5):
            env.step(0)
    with pytest.raises(swiftgym.PluginFailure, match="its process has ended"):
        env.reset(seed=2)
    env.close()
    fresh = swiftgym.make(f"{fault}/corridor-v1")  # a new child for a new environment
    observation, _ = fresh.reset(seed=3)
    assert observation.shape == (4,)
    fresh.close()


def test_isolation_options_are_checked():
    with pytest.raises(ValueError, match="isolate=True"):
        swiftgym.load_plugin(f"{REPOSITORY}/.build/plugins/libinventory.so", timeout=2)
    with pytest.raises(ValueError, match="positive number of seconds"):
        swiftgym.load_plugin(f"{REPOSITORY}/.build/plugins/libinventory.so", isolate=True, timeout=-1)
    hostile = f"{REPOSITORY}/.build/plugins/libsegv-step.so"
    swiftgym.load_plugin(hostile, isolate=True)
    swiftgym.load_plugin(hostile, isolate=True)  # again the same way: nothing changes
    with pytest.raises(swiftgym.PluginFailure, match="libsegv-step.so.*loaded before isolated"):
        swiftgym.load_plugin(hostile)
