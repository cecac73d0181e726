"""The wheel carries the example community that `polyvox init --example` writes.

The example (mkdocs.yml, content/ and theme/) lives once, at the top of this repository, where
`make build` builds it; it is copied into the wheel as polyvox/example/ while the wheel is
built, so git never holds a second copy to drift (tests/test_package.py compares them).
The folder generator/ is installed as the import package polyvox (pyproject.toml's package-dir);
its subpackages are found here, under that name. Everything else is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

PACKAGE, FOLDER = "polyvox", "generator"
"""The import package, and the folder of this repository it is made from."""

EXAMPLE = ("mkdocs.yml", "content", "theme")
"""What the example community is made of, at the top of the source tree (MANIFEST.in too)."""


class BuildWithExample(build_py):
    """Builds the package as usual, then copies the example community into it."""

    def run(self) -> None:
        """Build the package; in a wheel (not an editable install), add polyvox/example/."""
        super().run()
        if not self.editable_mode:
            for path in self.example_outputs(copy=True):
                self.announce(f"example community: {path}", level=2)

    def example_outputs(self, *, copy: bool = False) -> list[str]:
        """The example's files inside the built package (copied there when copy is set)."""
        target = Path(self.build_lib, PACKAGE, "example")
        written = []
        for name in EXAMPLE:
            source = Path(name)
            files = [source] if source.is_file() else sorted(source.rglob("*"))
            for file in (f for f in files if f.is_file() and "__pycache__" not in f.parts):
                destination = target / file
                if copy:
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(file, destination)
                written.append(str(destination))
        return written

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        """What the build wrote, the example's files included (for the wheel's RECORD)."""
        outputs = super().get_outputs(include_bytecode)
        return outputs if self.editable_mode else [*outputs, *self.example_outputs()]


setup(
    packages=[
        PACKAGE,
        *(
            f"{PACKAGE}.{name}"
            for name in find_namespace_packages(FOLDER, exclude=["*__pycache__*"])
        ),
    ],
    cmdclass={"build_py": BuildWithExample},
)
