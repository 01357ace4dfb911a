"""Builds libSwiftGymC.so with SwiftPM (`swift build -c release`, at the repository root) and bundles it
and the shipped environments into the package; SWIFTGYM_LIBRARY names a prebuilt library instead. The
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
            subprocess.run(["swift", "build", "-c", "release", "--product", "SwiftGymC"], cwd=ROOT, check=True)
            library = os.path.join(ROOT, ".build", "release", "libSwiftGymC.so")
        package = os.path.join(self.build_lib, "swiftgym")
        os.makedirs(os.path.join(package, "lib"), exist_ok=True)
        shutil.copy2(library, os.path.join(package, "lib", "libSwiftGymC.so"))
        shutil.copytree(os.path.join(ROOT, "Environments"), os.path.join(package, "environments"), dirs_exist_ok=True)


class PlatformWheel(bdist_wheel):
    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        return "py3", "none", sysconfig.get_platform().replace("-", "_").replace(".", "_")


setup(cmdclass={"build_py": BuildWithSwift, "bdist_wheel": PlatformWheel})
