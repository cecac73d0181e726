"""Write a deterministic synthetic community in the content contract, at a chosen size."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

KINDS = ("article", "counterpoint", "story", "tip", "showcase", "event", "link")
WORDS = (
    "community", "voices", "listen", "invite", "question", "rendez-vous", "host", "share",
    "disagree", "trust", "newcomer", "mentor", "circle", "practice", "notes", "monthly",
    "answer", "learn", "together", "open", "craft",
)  # fmt: skip


@dataclass(frozen=True)
class Size:
    """How many of each thing a corpus holds."""

    contributors: int
    issues: int
    pieces_per_issue: int
    sessions: int
    questions_per_session: int


SIZES = {
    "S": Size(
        contributors=100, issues=12, pieces_per_issue=10, sessions=12, questions_per_session=8
    ),
    "check-10k": Size(
        contributors=1000, issues=120, pieces_per_issue=59, sessions=63, questions_per_session=28
    ),
    "L": Size(
        contributors=1000, issues=120, pieces_per_issue=30, sessions=120, questions_per_session=30
    ),
    "XL": Size(
        contributors=10_000,
        issues=1200,
        pieces_per_issue=30,
        sessions=1200,
        questions_per_session=30,
    ),
}


def paragraph(rng: random.Random, words: int) -> str:
    """A paragraph of plausible words."""
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def body(rng: random.Random) -> str:
    """A realistic Markdown body: paragraphs, a list, a link and a code block."""
    return "\n\n".join(
        [
            paragraph(rng, 60),
            "\n".join(f"- {paragraph(rng, 8)}" for _ in range(3)),
            f"Read [the notes](https://example.org/notes/{rng.randrange(10_000)}) first.",
            "```python\nprint('hello, circle')\n```",
            paragraph(rng, 80),
        ]
    )


def write(path: Path, text: str) -> None:
    """Write a file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_corpus(root: Path, size: Size, *, seed: int = 7) -> int:
    """Write the corpus under root/content, and a minimal mkdocs.yml beside it unless there is
    one (check reads only a project); return how many content files were written."""
    rng, content, count = random.Random(seed), root / "content", 0
    if not (root / "mkdocs.yml").exists():
        write(root / "mkdocs.yml", "site_name: Benchmark\nplugins:\n  - polyvox\n")
    people = [f"person-{n:04d}" for n in range(size.contributors)]
    for person in people:
        write(
            content / "contributors" / f"{person}.md",
            f"---\nname: Person {person[-4:]}\n---\n{paragraph(rng, 20)}\n",
        )
    for n in range(size.issues):
        issue = f"{2010 + n // 12}-{n % 12 + 1:02d}"
        write(
            content / "issues" / issue / "index.md",
            f"---\ntitle: Issue {n + 1}\nnumber: {n + 1}\ndate: {issue}-01\n"
            f"editors: [{rng.choice(people)}]\n---\n{paragraph(rng, 90)}\n",
        )
        for p in range(size.pieces_per_issue):
            kind = KINDS[p % len(KINDS)]
            target = f"\nresponds_to: {issue}/piece-000" if kind == "counterpoint" else ""
            authors = ", ".join(rng.sample(people, rng.choice((1, 1, 2, 3))))
            write(
                content / "issues" / issue / f"piece-{p:03d}.md",
                f"---\ntitle: Piece {p} of {issue}\nauthors: [{authors}]\nkind: {kind}{target}\n"
                f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}-notes]\n---\n{body(rng)}\n",
            )
        count += 1 + size.pieces_per_issue
    for n in range(size.sessions):
        session = f"{2010 + n // 12}-{n % 12 + 1:02d}-15-session-{n}"
        guest = rng.choice(people)
        write(
            content / "ama" / session / "index.md",
            f"---\ntitle: Session {n}\ndate: {session[:10]}\nguests: [{guest}]\n---\n"
            f"{paragraph(rng, 60)}\n",
        )
        for q in range(size.questions_per_session):
            turns = "" if q % 7 == 0 else f"\n\n<!-- answer: {guest} -->\n{paragraph(rng, 50)}\n"
            if q % 5 == 1:
                turns += f"\n<!-- follow-up: {rng.choice(people)} -->\n{paragraph(rng, 15)}\n"
                turns += f"\n<!-- answer: {guest} -->\n{paragraph(rng, 30)}\n"
            write(
                content / "ama" / session / "questions" / f"q-{q:03d}.md",
                f"---\nasked_by: {rng.choice(people)}\n---\n{paragraph(rng, 25)}{turns}",
            )
        count += 1 + size.questions_per_session
    return count + size.contributors
