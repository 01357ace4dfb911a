"""Seeds are 64-bit integers from Python to Swift's generator: never rounded through a float, wrapped as
Swift wraps them in a vector, and refused with a clear error outside 0 to 2**64 - 1."""
import numpy as np
import pytest

import swiftgym

# 2**63 + 4 and 2**63 + 5 are the same float64 as 2**63: only exact integers tell them apart.
ALIKE_AS_FLOATS = [2**63, 2**63 + 4, 2**63 + 5]


def start(seed):
    return swiftgym.make("cartpole-v1").reset(seed=seed)[0]


def test_seeds_that_a_float_would_round_together_give_different_episodes():
    assert float(ALIKE_AS_FLOATS[0]) == float(ALIKE_AS_FLOATS[2])
    starts = [start(seed) for seed in ALIKE_AS_FLOATS]
    assert not np.array_equal(starts[0], starts[1])
    assert not np.array_equal(starts[0], starts[2])
    assert not np.array_equal(starts[1], starts[2])
    np.testing.assert_array_equal(start(np.uint64(2**63 + 5)), starts[2])
    np.testing.assert_array_equal(start(2**63 + 5), starts[2])


def test_a_vector_seeds_its_copies_with_the_full_seed_and_wraps_past_2_to_64():
    envs = swiftgym.make_vec("cartpole-v1", 3)
    observations, _ = envs.reset(seed=2**64 - 2)
    for i, seed in enumerate([2**64 - 2, 2**64 - 1, 0]):
        np.testing.assert_array_equal(observations[i], start(seed))
    observations, _ = envs.reset(seed=ALIKE_AS_FLOATS)
    for i, seed in enumerate(ALIKE_AS_FLOATS):
        np.testing.assert_array_equal(observations[i], start(seed))
    observations, _ = envs.reset(seed=np.uint64(2**63 + 5))
    np.testing.assert_array_equal(observations[0], start(2**63 + 5))


@pytest.mark.parametrize("seed", [-1, 2**64, 2**70])
def test_a_seed_outside_64_bits_is_refused(seed):
    with pytest.raises(ValueError, match=r"a seed is an integer from 0 to 2\*\*64 - 1 \(64 bits\), got " + str(seed)):
        swiftgym.make("cartpole-v1").reset(seed=seed)
    with pytest.raises(ValueError, match=r"from 0 to 2\*\*64 - 1"):
        swiftgym.make_vec("cartpole-v1", 2).reset(seed=seed)
    with pytest.raises(ValueError, match=r"from 0 to 2\*\*64 - 1"):
        swiftgym.make_vec("cartpole-v1", 2).reset(seed=[seed, None])


@pytest.mark.parametrize("seed", [1.0, "5", True])
def test_a_seed_that_is_not_an_integer_is_refused(seed):
    with pytest.raises(TypeError, match="a seed is an integer from 0 to 2\\*\\*64 - 1, got"):
        swiftgym.make("cartpole-v1").reset(seed=seed)


def test_a_games_seed_is_checked_the_same_way():
    pytest.importorskip("pettingzoo")
    game = swiftgym.parallel_env("rock-paper-scissors-v2")
    game.reset(seed=2**64 - 1)
    with pytest.raises(ValueError, match=r"got -1"):
        game.reset(seed=-1)
