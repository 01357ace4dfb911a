"""Builds libSwiftGymC.so and the `gym` executable with SwiftPM (`swift build -c release`, at the repository
root) and bundles them and the shipped environments into the package; SWIFTGYM_LIBRARY names a prebuilt
library instead (and the `gym` beside it, when there is one, comes too). `gym` hosts plugins loaded with
`load_plugin(path, isolate=True)`. The
wheel is tied to the platform, not to a CPython version (py3-none-<platform>)."""
import os
import shutil
import subprocess
import sysconfig

from setuptools import setup
from setuptools.command.build_py import build_py

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools before 70.1
    from wheel.bdist_wheel import bdist_wheel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class BuildWithSwift(build_py):
    def run(self):
        super().run()
        library = os.environ.get("SWIFTGYM_LIBRARY")
        if not library:
            for product in ["SwiftGymC", "gym"]:
                subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True)
            library = os.path.join(ROOT, ".build", "release", "libSwiftGymC.so")
        package = os.path.join(self.build_lib, "swiftgym")
        os.makedirs(os.path.join(package, "lib"), exist_ok=True)
        shutil.copy2(library, os.path.join(package, "lib", "libSwiftGymC.so"))
        host = os.path.join(os.path.dirname(library), "gym")
        if os.path.isfile(host):
            shutil.copy2(host, os.path.join(package, "lib", "gym"))
        shutil.copytree(os.path.join(ROOT, "Environments"), os.path.join(package, "environments"), dirs_exist_ok=True)


class PlatformWheel(bdist_wheel):
    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        return "py3", "none", sysconfig.get_platform().replace("-", "_").replace(".", "_")


setup(cmdclass={"build_py": BuildWithSwift, "bdist_wheel": PlatformWheel})
