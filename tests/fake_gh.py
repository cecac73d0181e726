"""A stand-in for the GitHub CLI in the workflow tests: it records each call (with the text of
its --body-file) in the JSON file $GH_STATE names, and answers the few calls the workflows make
from the pull requests that file holds. Any other call fails, so a workflow cannot call GitHub
in a way the tests did not see."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def option(argv: list[str], name: str) -> str | None:
    """The value after an option, if it is given."""
    return argv[argv.index(name) + 1] if name in argv else None


def answer(state: dict, argv: list[str]) -> tuple[str, int]:
    """What GitHub would answer to one call: its output and exit code."""
    pulls = state["pulls"]
    by_number = {str(p["number"]): p for p in pulls}
    match argv[:2]:
        case ["pr", "list"] if option(argv, "--jq") == ".[0].number // empty":
            head, wanted = option(argv, "--head"), option(argv, "--state")
            found = [p for p in pulls if p["head"] == head and p["state"] == wanted]
            return (str(found[0]["number"]) if found else ""), 0
        case ["pr", "create"]:
            number = max((p["number"] for p in pulls), default=30) + 1
            url = f"https://github.com/{os.environ['GH_REPO']}/pull/{number}"
            pulls.append(
                {"number": number, "head": option(argv, "--head"), "state": "open", "url": url}
            )
            return url, 0
        case ["pr", "edit"] if argv[2] in by_number:
            return "", 0
        case ["pr", "comment"] | ["issue", "comment"] if {"--edit-last", "--create-if-none"} <= set(
            argv
        ):
            return "", 0
        case ["pr", "view"] if argv[2] in by_number:
            wanted = option(argv, "--json")
            if option(argv, "--jq") == f".{wanted}" and wanted in by_number[argv[2]]:
                return str(by_number[argv[2]][wanted]), 0
    return f"fake gh: no answer to {argv}", 1


def main(argv: list[str]) -> int:
    """Record the call, answer it."""
    path = Path(os.environ["GH_STATE"])
    state = json.loads(path.read_text())
    call: dict = {"args": argv, "repo": os.environ.get("GH_REPO", "")}
    body = option(argv, "--body-file")
    if body is not None:
        call["body"] = Path(body).read_text(encoding="utf-8")
    state["calls"].append(call)
    output, code = answer(state, argv)
    path.write_text(json.dumps(state))
    print(output, file=sys.stdout if code == 0 else sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
