"""`tests/system-deps.sh` on machines it must not touch: stubs stand in for apt-get, sudo, id.

The script decides three ways: root installs, a user with passwordless sudo installs through
`sudo -n`, anyone else gets the one command to run and a failure. Each case runs the real script
with a PATH that holds only stubs, so no tool the suite drives is visible and nothing is installed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent / "system-deps.sh"
BASH = "/bin/bash"
PACKAGES = "chromium openjdk-17-jre-headless jing newsboat openssl npm"
STUBS = {
    # id -u answers the uid the case asks for.
    "id": '#!/bin/bash\n[ "$1" = -u ] && echo "$FAKE_UID"\n',
    # apt-get records who ran it and with what, one line per call.
    "apt-get": '#!/bin/bash\necho "${RAN_BY:-self} DEBIAN_FRONTEND=$DEBIAN_FRONTEND apt-get $*" >> "$LOG"\n',
    # sudo -n works only when the case grants it; it runs the command as given.
    "sudo": (
        '#!/bin/bash\n[ "$FAKE_SUDO" = yes ] || exit 1\n[ "$1" = -n ] || exit 2\nshift\n'
        'export RAN_BY=sudo\nexec "$@"\n'
    ),
    # env and true, which sudo runs, are the real ones.
    "env": '#!/bin/bash\nexec /usr/bin/env "$@"\n',
    "true": "#!/bin/bash\n",
}


def run_script(tmp_path: Path, *, uid: int, sudo: bool, apt: bool = True, present=()):
    """Run the script with only stubs on PATH; return (exit code, stderr, apt-get calls)."""
    stubs = tmp_path / "bin"
    stubs.mkdir(parents=True)
    for name, text in STUBS.items():
        if name == "apt-get" and not apt:
            continue
        (stubs / name).write_text(text)
    for tool in present:
        (stubs / tool).write_text("#!/bin/bash\n")
    for stub in stubs.iterdir():
        stub.chmod(0o755)
    log = tmp_path / "apt.log"
    environment = {
        "PATH": str(stubs),
        "FAKE_UID": str(uid),
        "FAKE_SUDO": "yes" if sudo else "no",
        "LOG": str(log),
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [BASH, str(SCRIPT)], env=environment, capture_output=True, text=True, timeout=30
    )
    calls = log.read_text().splitlines() if log.exists() else []
    return done.returncode, done.stderr, calls


INSTALL = [
    "DEBIAN_FRONTEND=noninteractive apt-get update -qq",
    f"DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends {PACKAGES}",
]
ADVICE = (
    f"make test needs Debian packages that are missing: {PACKAGES}.\n"
    "Install them, then run make test again:\n"
    "    sudo apt-get update && sudo apt-get install -y --no-install-recommends "
    f"{PACKAGES}\n"
)


@pytest.mark.parametrize(
    ("uid", "sudo", "calls"),
    [
        (0, False, [f"self {line}" for line in INSTALL]),  # root installs itself
        (0, True, [f"self {line}" for line in INSTALL]),  # root never needs sudo
        (1000, True, [f"sudo {line}" for line in INSTALL]),  # a user with sudo -n
    ],
    ids=["root", "root-with-sudo", "user-with-sudo"],
)
def test_installs_when_the_machine_allows_it(tmp_path, uid, sudo, calls):
    """As root, or through passwordless sudo, every missing package is installed in one call."""
    code, stderr, ran = run_script(tmp_path, uid=uid, sudo=sudo)
    assert code == 0, stderr
    assert ran == calls
    assert stderr == f"installing the Debian packages the tests need: {PACKAGES}\n"


def test_a_user_without_sudo_gets_the_command_and_a_failure(tmp_path):
    """Without root or sudo, nothing is run and the one command to run is printed."""
    code, stderr, ran = run_script(tmp_path, uid=1000, sudo=False)
    assert (code, ran, stderr) == (1, [], ADVICE)


def test_a_machine_without_apt_gets_the_command_and_a_failure(tmp_path):
    """Even as root, a machine with no apt-get is told what to install, not tried."""
    code, stderr, ran = run_script(tmp_path, uid=0, sudo=False, apt=False)
    assert (code, ran, stderr) == (1, [], ADVICE)


def test_only_the_missing_packages_are_installed(tmp_path):
    """Tools already on PATH are not installed again; with all of them, nothing runs at all."""
    code, _, ran = run_script(tmp_path, uid=0, sudo=False, present=("chromium", "java", "npm"))
    assert code == 0
    assert ran[1].endswith("--no-install-recommends jing newsboat openssl")
    every = ("chromium", "java", "jing", "newsboat", "openssl", "npm")
    code, stderr, ran = run_script(tmp_path / "all", uid=0, sudo=False, present=every)
    assert (code, stderr, ran) == (0, "", [])


def test_the_script_runs_under_bash_as_make_calls_it():
    """make runs it as `bash tests/system-deps.sh`; the file also has a bash shebang."""
    assert SCRIPT.read_text().startswith("#!/usr/bin/env bash\n")
    assert os.access(BASH, os.X_OK)
