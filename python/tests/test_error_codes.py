"""The C ABI's error codes (sg_last_error_code), called directly: each failure's code, a success that
leaves the last one, and the header's SG_ERROR_* constants matching the package's ErrorCode."""
import os
import re
import shutil
import subprocess

import pytest

import swiftgym
from swiftgym import _native
from swiftgym._errors import ErrorCode

lib = _native._lib
HEADER = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "Sources", "SwiftGymC", "swiftgym.h")


def test_the_header_and_the_package_number_the_codes_alike():
    with open(HEADER) as header:
        declared = dict(re.findall(r"SG_ERROR_(\w+) = (\d+)", header.read()))
    assert {name: int(value) for name, value in declared.items()} == {code.name: code.value for code in ErrorCode}


@pytest.mark.parametrize("call, code", [
    (lambda: lib.sg_describe(b"no-such-id-v1", None), ErrorCode.UNKNOWN_ID),
    (lambda: lib.sg_describe(b"cartpole-v1", b'{"gravity": "high"}'), ErrorCode.INVALID_ARGUMENT),
    (lambda: lib.sg_describe(b"cartpole-v1", b'{"gravity": '), ErrorCode.INVALID_ARGUMENT),  # the caller's JSON, not a file
    (lambda: lib.sg_vector_create(b"cartpole-v1", None, 2, 7, 0), ErrorCode.INVALID_ARGUMENT),
    (lambda: lib.sg_game_create(b"gridworld-v1", None), ErrorCode.INVALID_ARGUMENT),
    (lambda: lib.sg_load_plugin(b"/nonexistent/libmissing.so"), ErrorCode.PLUGIN),
])
def test_each_failure_leaves_its_code(call, code):
    result = call()
    assert not result or result == -1
    assert lib.sg_last_error_code() == code, lib.sg_last_error().decode()


def test_a_broken_file_is_an_invalid_file(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert not lib.sg_describe(str(broken).encode(), None)
    assert lib.sg_last_error_code() == ErrorCode.INVALID_FILE
    assert lib.sg_last_error().decode().startswith(f"{broken}:1:")


def test_invalid_actions_and_steps_that_need_a_reset_have_their_codes():
    envs = swiftgym.make_vec("cartpole-v1", 2)
    envs.reset(seed=0)
    vector = envs._vector
    vector.actions[:] = [0, 9]
    assert lib.sg_vector_step(vector._handle, vector.actions.ctypes.data) == -1
    assert lib.sg_last_error_code() == ErrorCode.INVALID_ACTION
    single = swiftgym.make("cartpole-v1")._vector
    assert lib.sg_vector_step(single._handle, single.actions.ctypes.data) == -1  # never reset
    assert lib.sg_last_error_code() == ErrorCode.RESET_NEEDED


def test_a_success_leaves_the_last_code_and_message():
    assert not lib.sg_describe(b"no-such-id-v1", None)
    message = lib.sg_last_error()
    _native._text(lib.sg_describe(b"cartpole-v1", None))
    assert lib.sg_last_error_code() == ErrorCode.UNKNOWN_ID
    assert lib.sg_last_error() == message


C_PROGRAM = r"""
#include <stdio.h>
#include "swiftgym.h"

int main(void) {
    if (sg_last_error_code() != SG_ERROR_NONE) return 1;
    if (sg_describe("no-such-id-v1", NULL) != NULL || sg_last_error_code() != SG_ERROR_UNKNOWN_ID) return 2;
    sg_vector *vector = sg_vector_create("cartpole-v1", NULL, 1, 9, 0);
    if (vector != NULL || sg_last_error_code() != SG_ERROR_INVALID_ARGUMENT) return 3;
    char *ids = sg_ids();  /* a success */
    sg_free(ids);
    printf("%d %s\n", sg_last_error_code(), sg_last_error());
    return 0;
}
"""


def test_a_c_program_reads_the_codes_through_the_header(tmp_path):
    """swiftgym.h as C sees it: the constants, the declaration, and a fresh thread's SG_ERROR_NONE."""
    compiler = shutil.which("cc")
    if compiler is None:
        pytest.skip("no C compiler (cc)")
    library = os.path.dirname(os.path.abspath(lib._name))
    (tmp_path / "codes.c").write_text(C_PROGRAM)
    subprocess.run([compiler, "-Wall", "-Werror", "-I", os.path.dirname(HEADER), str(tmp_path / "codes.c"), f"-L{library}", "-lSwiftGymC",
                    f"-Wl,-rpath,{library}", "-o", str(tmp_path / "codes")], check=True)
    ran = subprocess.run([str(tmp_path / "codes")], capture_output=True, text=True)  # GYM_PATH: set by importing swiftgym
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "2 autoreset mode must be 0 (next-step), 1 (same-step) or 2 (disabled), got 9\n"
