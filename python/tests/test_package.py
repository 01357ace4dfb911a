"""The package itself: what importing it costs and pulls in, and how it fails without its library."""
import os
import subprocess
import sys

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(code, **environment):
    env = dict(os.environ, PYTHONPATH=PYTHON_DIR, **environment)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_import_pulls_in_neither_stable_baselines3_nor_torch_nor_ray():
    result = run("import sys, swiftgym; print(sorted(m for m in ('torch', 'stable_baselines3', 'ray') if m in sys.modules))")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_missing_library_is_an_import_error_that_says_what_was_tried_and_how_to_build_it():
    result = run("import swiftgym", SWIFTGYM_LIBRARY="/nonexistent/libSwiftGymC.so")
    assert result.returncode != 0
    assert "ImportError" in result.stderr
    assert "/nonexistent/libSwiftGymC.so (not there)" in result.stderr
    assert "swift build -c release" in result.stderr


def test_the_own_mdp_example_finds_the_windy_gridworlds_optimum():
    result = subprocess.run([sys.executable, os.path.join(PYTHON_DIR, "examples", "own_mdp_q_learning.py")],
                            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=PYTHON_DIR))
    assert result.returncode == 0, result.stderr
    assert "greedy return after 80000 steps on 8 copies: -15 (optimum -15)" in result.stdout


def test_the_type_hints_ship_with_the_package():
    assert os.path.isfile(os.path.join(PYTHON_DIR, "swiftgym", "py.typed"))
    with open(os.path.join(PYTHON_DIR, "pyproject.toml")) as pyproject:
        assert 'swiftgym = ["py.typed"]' in pyproject.read()  # package data: without it the wheel leaves the marker out


def test_every_public_function_has_type_hints_and_a_docstring_with_an_example():
    import inspect

    import swiftgym
    functions = [getattr(swiftgym, name) for name in swiftgym.__all__ if inspect.isfunction(getattr(swiftgym, name))]
    methods = [swiftgym.SwiftGymEnv.reset, swiftgym.SwiftGymEnv.step, swiftgym.SwiftGymVectorEnv.reset]
    assert len(functions) >= 8
    for function in functions + methods:
        signature = inspect.signature(function)
        assert signature.return_annotation is not inspect.Signature.empty, function.__qualname__
        assert all(p.annotation is not inspect.Parameter.empty for p in signature.parameters.values() if p.name != "self"), function.__qualname__
        assert ">>> " in (function.__doc__ or ""), f"{function.__qualname__} has no example"
    for cls in [swiftgym.SwiftGymEnv, swiftgym.SwiftGymVectorEnv, swiftgym.SwiftGymError]:
        assert ">>> " in cls.__doc__, cls.__name__
