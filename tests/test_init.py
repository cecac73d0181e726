"""`polyvox init`: a new community repository, the example, and upgrades of Polyvox's files.

These run in this process, from the source tree; tests/test_package.py runs the same commands
from the wheel installed in a virtual environment of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from polyvox.commands import community, init
from polyvox.commands.cli import main
from polyvox.commands.community import MANIFEST, polyvox_version
from polyvox.content.load import SCHEMA_BY_KIND
from polyvox.content.schema import ContributionKind
from tests.conftest import REPO
from tests.support import check_github_schema

SKELETON_FILES = {
    ".github/ISSUE_TEMPLATE/piece.yml",
    ".github/ISSUE_TEMPLATE/question.yml",
    ".github/ISSUE_TEMPLATE/profile.yml",
    ".github/PULL_REQUEST_TEMPLATE.md",
    ".github/workflows/check.yml",
    ".github/workflows/publish.yml",
    ".github/workflows/submit.yml",
    ".github/workflows/welcome.yml",
    ".gitignore",
    ".polyvox/manifest.json",
    ".pre-commit-config.yaml",
    "CONTRIBUTING.md",
    "README.md",
    "mkdocs.yml",
    "requirements.txt",
    "theme/main.html",
    "theme/404.html",
    "theme/partials/copyright.html",
    "theme/partials/tabs.html",
    "theme/assets/stylesheets/polyvox.css",
    *(f"schemas/{path.name}" for path in (REPO / "schemas").glob("*.json")),
}


def run(*args: str) -> tuple[int, str]:
    """Run the polyvox command line; its exit code and everything it printed."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def files_under(root: Path) -> dict[str, bytes]:
    """Every file below root, by its path relative to root."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def workflow(root: Path, name: str) -> dict:
    """A generated workflow as data (YAML's bare 'on' read as the string it is meant to be)."""
    return yaml.load((root / ".github/workflows" / name).read_text(), Loader=yaml.BaseLoader)


@pytest.fixture
def made(tmp_path: Path) -> Path:
    """A community written by `polyvox init` into a new folder."""
    target = tmp_path / "commons"
    code, output = run("init", target, "--name", "Commons", "--url", "https://commons.example")
    assert code == 0, output
    return target


def test_init_writes_a_community_repository_that_passes_the_check(made):
    """The skeleton, a first editor, a draft first issue and an about page; check finds nothing."""
    written = set(files_under(made))
    content = {rel for rel in written if rel.startswith("content/")}
    month = next(rel.split("/")[2] for rel in content if rel.startswith("content/issues/"))
    assert written - content == SKELETON_FILES
    assert content == {
        "content/contributors/the-editors.md",
        f"content/issues/{month}/index.md",
        "content/pages/about.md",
    }
    issue = (made / f"content/issues/{month}/index.md").read_text()
    assert "status: draft" in issue and "editors:\n  - the-editors" in issue
    settings = yaml.safe_load((made / "mkdocs.yml").read_text())
    assert settings["site_name"] == "Commons"
    assert settings["site_url"] == "https://commons.example/"
    assert settings["theme"]["language"] == "en"
    assert {"search", "polyvox"} <= set(settings["plugins"])
    code, output = run("check", made, "--strict")
    assert (code, output) == (0, "polyvox: 3 files checked, no problems found.\n")


def test_init_prints_the_next_three_commands(tmp_path):
    """After writing, init says what to type next, and that repo_url is still to be set."""
    code, output = run("init", tmp_path / "new", "--name", "New")
    assert code == 0
    assert output.splitlines()[1:] == [
        f"  cd {tmp_path / 'new'}",
        "  polyvox serve    # the live preview, drafts included, on http://127.0.0.1:8000",
        "  polyvox build    # check the content, then build the site into site/",
        "polyvox: once the repository exists, set repo_url in mkdocs.yml to its address: the "
        "about page, credits and the email link to it.",
    ]


def test_init_refuses_a_non_empty_folder_and_writes_nothing(tmp_path):
    """One file in the folder is enough to refuse; that file is left as it was."""
    (tmp_path / "notes.txt").write_text("mine")
    code, output = run("init", tmp_path)
    assert code == 1
    assert output == (
        f"Error: {tmp_path} is not empty: polyvox init writes a new community into a new or "
        "empty folder, and never overwrites a file (to update a community it made, run "
        f"'polyvox init --upgrade {tmp_path}')\n"
    )
    assert files_under(tmp_path) == {"notes.txt": b"mine"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--url", "ftp://files.example"],
            "Error: Invalid value for --url: expects an address starting with https://, "
            "found 'ftp://files.example'",
        ),
        (
            ["--language", "xx"],
            "Error: Invalid value for --language: mkdocs-material has no language 'xx'; "
            "choose one of af, ar,",
        ),
        (
            ["--example", "--name", "Mine"],
            "Error: --example writes the example community as it is: leave out --name (edit "
            "its mkdocs.yml afterwards)",
        ),
        (
            ["--upgrade", "--language", "fr"],
            "Error: --upgrade changes no content: leave out --language",
        ),
        (
            ["--repo", "github.com/commons/newsletter"],
            "Error: Invalid value for --repo: expects the repository's address, e.g. "
            "https://github.com/<owner>/<name>, found 'github.com/commons/newsletter'",
        ),
        (
            ["--upgrade", "--repo", "https://github.com/commons/newsletter"],
            "Error: --upgrade changes no content: leave out --repo",
        ),
    ],
)
def test_init_options_are_checked_before_anything_is_written(tmp_path, args, message):
    """A wrong option stops init with a message naming it; the folder is not created."""
    code, output = run("init", tmp_path / "new", *args)
    assert code == 2
    assert message in output
    assert not (tmp_path / "new").exists()


def requirements(root: Path) -> list[str]:
    """The requirements requirements.txt names (its lines that are not comments)."""
    lines = (root / "requirements.txt").read_text().splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def test_the_workflows_install_polyvox_pinned_to_this_version(made):
    """Both workflows parse, run check and build, and install Polyvox from requirements.txt,
    which pins exactly this version."""
    pinned = "pip install -r requirements.txt"
    assert requirements(made) == [f"polyvox=={polyvox_version()}"]
    check = workflow(made, "check.yml")
    assert list(check["on"]) == ["pull_request", "push"]
    assert check["permissions"] == {"contents": "read"}
    steps = [s.get("run") or s["uses"].split("@")[0] for s in check["jobs"]["check"]["steps"]]
    assert steps[:6] == [
        "actions/checkout",
        "actions/setup-python",
        pinned,
        "polyvox check --format github",
        "polyvox build --drafts --no-directory-urls",
        "actions/upload-artifact",
    ]
    assert "polyvox credits --diff HEAD^1..HEAD --format markdown" in steps[6]
    assert steps[7:] == ["actions/upload-artifact", 'polyvox listen >> "$GITHUB_STEP_SUMMARY"']
    read = workflow(made, "submit.yml")["jobs"]["read"]["steps"]
    assert [s.get("run") for s in read][2] == pinned
    publish = workflow(made, "publish.yml")
    build = [s.get("run") or s["uses"].split("@")[0] for s in publish["jobs"]["build"]["steps"]]
    assert build[2:4] == [pinned, "polyvox build"]
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert (
        "${{ steps.deployment.outputs.page_url }}"
        in (made / ".github/workflows/publish.yml").read_text()
    )


def workflow_steps(text: str) -> list[str]:
    """A workflow's lines without comments, its pip cache or where Polyvox is installed from
    (a community installs what requirements.txt names, this repository its own source)."""
    text = text.replace("pip install -r requirements.txt", "pip install .")
    text = text.replace(
        "Install Polyvox (the version or source requirements.txt names)", "Install Polyvox"
    )
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    lines = [line.split("  # ")[0].rstrip() for line in lines if "cache: pip" not in line]
    return [line for line in lines if line]


def test_the_community_s_workflows_are_this_repository_s_but_for_the_install(made):
    """The workflows init writes do what this repository's do, step for step: they differ
    only in comments and in installing what requirements.txt names."""
    for name in ("check.yml", "publish.yml", "submit.yml", "welcome.yml"):
        ours = (REPO / ".github/workflows" / name).read_text()
        theirs = (made / ".github/workflows" / name).read_text()
        assert workflow_steps(theirs) == workflow_steps(ours), name


def test_the_pre_commit_hook_runs_the_check_and_the_gitignore_keeps_builds_out(made):
    """pre-commit runs `polyvox check` on content changes; site/ and .cache/ are ignored."""
    (repo,) = yaml.safe_load((made / ".pre-commit-config.yaml").read_text())["repos"]
    (hook,) = repo["hooks"]
    assert (hook["entry"], hook["pass_filenames"]) == ("polyvox check", False)
    assert {"site/", ".cache/"} <= set((made / ".gitignore").read_text().split())


def test_the_contributing_guide_commands_work_in_the_new_community(made):
    """The guide's `polyvox new` commands write files that pass the check."""
    month = next((made / "content/issues").iterdir()).name
    guide = (made / "CONTRIBUTING.md").read_text()
    assert "pip install -r requirements.txt" in guide
    code, output = run(
        "new", "contributor", "--name", "Zoë Ångström", "--pronouns", "they/them", "--project", made
    )
    assert code == 0, output
    assert "content/contributors/zoe-angstrom.md" in guide
    code, output = run(
        "new", "contribution", "--issue", month, "--title", "What the archive forgets",
        "--author", "zoe-angstrom", "--kind", "article", "--project", made,
    )  # fmt: skip
    assert code == 0, output
    piece = made / "content/issues" / month / "what-the-archive-forgets.md"
    code, output = run("check", made)
    assert code == 1 and f"content/issues/{month}/what-the-archive-forgets.md" in output
    piece.write_text(piece.read_text() + "\nThe archive forgets who asked.\n")  # as a member would
    assert run("check", made)[0] == 0


def test_the_community_guide_lists_every_key_the_check_knows(made):
    """Each kind's table in CONTRIBUTING.md has its schema's keys, 'yes' exactly when required,
    and the values of every closed set, so the guide says what `polyvox check` enforces."""
    guide = (made / "CONTRIBUTING.md").read_text()
    for schema in SCHEMA_BY_KIND.values():
        path = re.search(r"`(content/.+?)`", schema.__doc__)[1]
        start = guide.index(f": `{path}`\n")
        section = guide[start:].split("\n#", 1)[0]  # up to the next heading
        rows = re.findall(r"^\| `(\w+)` \| (yes|no) \| (.*) \|$", section, re.MULTILINE)
        assert {key: required for key, required, _ in rows} == {
            key: "yes" if spec.is_required() else "no" for key, spec in schema.model_fields.items()
        }, path
    kinds = ", ".join(f"`{kind.value}`" for kind in ContributionKind)
    assert f"| `kind` | yes | What sort of piece this is (one of {kinds}) |" in guide
    assert "| `responds_to` | no | `<YYYY-MM>/<slug>` of the piece answered |" in guide


def test_a_french_init_writes_french_starter_content(tmp_path):
    """--language fr sets the site's language, and the starter texts are in French."""
    target = tmp_path / "cercle"
    assert run("init", target, "--name", "Cercle", "--language", "fr")[0] == 0
    assert yaml.safe_load((target / "mkdocs.yml").read_text())["theme"]["language"] == "fr"
    assert (
        (target / "content/contributors/la-redaction.md")
        .read_text()
        .startswith('---\nname: "La rédaction"\n')
    )
    assert "title: À propos" in (target / "content/pages/about.md").read_text()
    assert run("check", target, "--strict")[0] == 0


def test_a_french_community_gets_french_issue_forms_github_accepts(tmp_path):
    """The forms are in the community's language; with no session collecting questions, the
    question form asks for the session as text (a dropdown needs a choice); GitHub's schemas
    of issue forms and of workflows accept every form and every workflow written."""
    target = tmp_path / "cercle"
    assert run("init", target, "--name", "Cercle", "--language", "fr")[0] == 0
    forms = sorted((target / ".github/ISSUE_TEMPLATE").glob("*.yml"))
    check_github_schema("vendor.github-issue-forms", forms)
    check_github_schema("vendor.github-workflows", sorted((target / ".github/workflows").glob("*")))
    piece = yaml.safe_load((target / ".github/ISSUE_TEMPLATE/piece.yml").read_text())
    assert (piece["name"], piece["labels"]) == ("Proposer un texte", ["texte"])
    assert [e["attributes"]["label"] for e in piece["body"][1:]] == [
        "Titre",
        "Genre",
        "Votre texte",
        "Résumé",
        "Étiquettes",
        "Co-auteurs et co-autrices",
        "Aide de l\u2019IA",
    ]
    question = yaml.safe_load((target / ".github/ISSUE_TEMPLATE/question.yml").read_text())
    session = question["body"][1]
    assert (session["type"], session["id"]) == ("input", "session")
    assert session["attributes"]["description"].startswith("Aucune session ne recueille")


def test_init_example_writes_the_example_community_of_this_repository(tmp_path):
    """--example: the same mkdocs.yml, content/ and theme/ as at the top of this repository."""
    target = tmp_path / "example"
    assert run("init", target, "--example")[0] == 0
    for part in ("content", "theme"):
        assert files_under(target / part) == files_under(REPO / part), part
    assert (target / "mkdocs.yml").read_bytes() == (REPO / "mkdocs.yml").read_bytes()
    assert run("check", target)[0] == 0


def test_the_skeleton_config_is_the_example_config_with_the_community_s_values(made):
    """A new community's mkdocs.yml has the example's theme, plugins and extensions."""
    new = yaml.safe_load((made / "mkdocs.yml").read_text())
    example = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    for key in ("site_name", "site_description", "site_url"):
        new.pop(key), example.pop(key)
    assert new == example


def upgrade(target: Path, monkeypatch, version: str) -> tuple[int, list[str]]:
    """Run `polyvox init --upgrade` as if this Polyvox were at version."""
    monkeypatch.setattr(init, "polyvox_version", lambda: version)
    code, output = run("init", "--upgrade", target)
    return code, output.splitlines()


def test_upgrade_updates_what_polyvox_owns_and_leaves_the_community_s_changes(made, monkeypatch):
    """A new version rewrites the files left as written; changed and removed ones stay."""
    (made / "theme/main.html").write_text("{% extends 'base.html' %}\n")
    (made / ".gitignore").unlink()
    (made / "theme/polyvox/partials").mkdir(parents=True)
    (made / "theme/polyvox/partials/people.html").write_text("mine")
    (made / "mkdocs.yml").write_text((made / "mkdocs.yml").read_text() + "# edited\n")
    own = {
        rel: data
        for rel, data in files_under(made).items()
        if rel.startswith(("content/", "theme/polyvox/")) or rel == "mkdocs.yml"
    }
    code, lines = upgrade(made, monkeypatch, "9.9.9")
    assert code == 0
    assert lines == [
        f"polyvox: upgraded {made} from Polyvox {polyvox_version()} to 9.9.9.",
        "  updated     .github/workflows/check.yml",
        "  updated     .github/workflows/publish.yml",
        "  updated     .github/workflows/submit.yml",
        "  updated     .github/workflows/welcome.yml",
        "  updated     CONTRIBUTING.md",
        "  updated     README.md",
        "  updated     requirements.txt",
        "  left alone  .gitignore: you removed it; it stays removed",
        "  left alone  theme/main.html: you changed it; Polyvox 9.9.9's version is in "
        ".polyvox/new/theme/main.html",
        "polyvox: 12 files were already up to date; mkdocs.yml, content/ and your theme "
        "overrides are yours and were not touched.",
        "polyvox: compare each file left alone with Polyvox's version, e.g. 'diff -u "
        "theme/main.html .polyvox/new/theme/main.html', and carry over what you need "
        "(README.md, 'Upgrading Polyvox').",
    ]
    assert requirements(made) == ["polyvox==9.9.9"]
    assert (made / "theme/main.html").read_text() == "{% extends 'base.html' %}\n"
    polyvox_s = community.polyvox_files(name="Commons", language="en", version="9.9.9")
    assert (made / ".polyvox/new/theme/main.html").read_bytes() == polyvox_s["theme/main.html"]
    assert not (made / "theme/main.html.new").exists()  # it would be published with the site
    assert not (made / ".gitignore").exists()
    assert {rel: files_under(made)[rel] for rel in own} == own
    assert '"polyvox": "9.9.9"' in (made / MANIFEST).read_text()


def test_a_file_changed_back_to_polyvox_s_text_is_updated_again(made, monkeypatch):
    """Once a changed file equals Polyvox's again, the next upgrade takes it over again."""
    original = (made / "theme/main.html").read_bytes()
    (made / "theme/main.html").write_text("changed")
    upgrade(made, monkeypatch, "9.9.9")
    (made / "theme/main.html").write_bytes(original)
    (made / ".github/workflows/check.yml").write_text("mine")
    _, lines = upgrade(made, monkeypatch, "9.9.10")
    assert "  left alone  theme/main.html" not in "\n".join(lines)
    assert lines[1:5] == [
        "  updated     .github/workflows/publish.yml",
        "  updated     .github/workflows/submit.yml",
        "  updated     .github/workflows/welcome.yml",
        "  updated     CONTRIBUTING.md",
    ]
    assert any(
        line.startswith("  left alone  .github/workflows/check.yml: you changed") for line in lines
    )


def test_upgrade_without_a_manifest_writes_only_missing_files(made, monkeypatch):
    """With no record of what Polyvox wrote, every file that differs is the community's."""
    (made / MANIFEST).unlink()
    (made / "CONTRIBUTING.md").unlink()
    _, lines = upgrade(made, monkeypatch, "9.9.9")
    assert lines[0] == f"polyvox: upgraded {made} (no record of what Polyvox wrote) to 9.9.9."
    assert "  added       CONTRIBUTING.md" in lines
    assert (
        "  left alone  .github/workflows/check.yml: it is not as Polyvox wrote it; "
        "Polyvox 9.9.9's version is in .polyvox/new/.github/workflows/check.yml"
    ) in lines
    assert (made / MANIFEST).is_file()


def test_upgrade_to_the_same_version_restores_only_what_is_missing(made):
    """Run again with the version that wrote the files: a file never written is added back."""
    (made / "schemas/issue.schema.json").unlink()
    manifest = (made / MANIFEST).read_text()
    (made / MANIFEST).write_text(manifest.replace('"schemas/issue.schema.json"', '"old.json"'))
    code, output = run("init", "--upgrade", made)
    assert code == 0
    assert output.splitlines()[:4] == [
        f"polyvox: {made} already has the files of Polyvox {polyvox_version()}; checked each.",
        "  added       schemas/issue.schema.json",
        f"  left alone  old.json: Polyvox {polyvox_version()} no longer writes it; remove it if "
        "nothing uses it",
        "polyvox: 20 files were already up to date; mkdocs.yml, content/ and your theme "
        "overrides are yours and were not touched.",
    ]
    assert (made / "schemas/issue.schema.json").is_file()
    assert '"old.json"' not in (made / MANIFEST).read_text()


def test_upgrade_needs_a_community(tmp_path):
    """--upgrade in a folder without mkdocs.yml says how to start one."""
    code, output = run("init", "--upgrade", tmp_path)
    assert code == 1
    assert output == (
        f"Error: {tmp_path} has no mkdocs.yml: --upgrade updates a community made by polyvox "
        f"init; start one with 'polyvox init {tmp_path}'\n"
    )


def test_the_source_tree_serves_as_the_example_when_the_package_carries_none():
    """Run from a clone (no polyvox/example/ beside the package), init --example reads the repository's own."""
    assert community.example_root() == REPO


def test_a_french_init_writes_its_guide_readme_and_pull_request_template_in_french(tmp_path):
    """A French community's members read its CONTRIBUTING.md, README.md and pull-request
    template in French: outside code, commands and addresses, no English word is left, and
    the content contract's tables describe every key the check knows in French."""
    from tests.test_french import ENGLISH

    target = tmp_path / "cercle"
    assert run("init", target, "--name", "Cercle", "--language", "fr")[0] == 0
    for name in ("CONTRIBUTING.md", "README.md", ".github/PULL_REQUEST_TEMPLATE.md"):
        text = (target / name).read_text(encoding="utf-8")
        prose = re.sub(r"```.*?```|`[^`]*`|<?https?://\S+|\[\[.*?\]\]", " ", text, flags=re.DOTALL)
        english = sorted(set(re.findall(r"[a-z]+", prose.lower())) & ENGLISH)
        assert english == [], name
    guide = (target / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "## Votre première contribution, pas à pas" in guide
    words = community.contract_words("fr")["kinds"]
    for kind, schema in SCHEMA_BY_KIND.items():
        assert set(words[kind.value]["keys"]) == set(schema.model_fields), kind
    assert "| `kind` | oui | Le genre de texte (`article`, `counterpoint`, `story`," in guide
    assert "(one of" not in guide


def test_upgrade_keeps_the_readme_current_until_the_community_changes_it(made, monkeypatch):
    """README.md is the community's, but while it is as init wrote it an upgrade keeps it true
    (it names the version requirements.txt pins); once changed, it is left, and Polyvox's new
    text is written under .polyvox/new/ to compare; a later upgrade clears stale copies."""
    assert f"`polyvox=={polyvox_version()}`" in (made / "README.md").read_text()
    _, lines = upgrade(made, monkeypatch, "9.9.9")
    assert "  updated     README.md" in lines
    readme = (made / "README.md").read_text()
    assert "`polyvox==9.9.9`" in readme and f"polyvox=={polyvox_version()}" not in readme
    (made / "README.md").write_text(readme + "\nOur own notes.\n")
    _, lines = upgrade(made, monkeypatch, "9.9.10")
    assert (
        "  left alone  README.md: you changed it; Polyvox 9.9.10's version is in "
        ".polyvox/new/README.md"
    ) in lines
    assert (made / "README.md").read_text() == readme + "\nOur own notes.\n"
    assert "`polyvox==9.9.10`" in (made / ".polyvox/new/README.md").read_text()
    (made / "README.md").write_text((made / ".polyvox/new/README.md").read_text())
    _, lines = upgrade(made, monkeypatch, "9.9.10")
    assert not (made / ".polyvox/new/README.md").exists()
    assert ".polyvox/new/" in (made / ".gitignore").read_text().split()


def test_a_community_running_an_unreleased_polyvox_keeps_its_install_line(made, monkeypatch):
    """requirements.txt is the one place naming what the workflows install: the git line its
    comment shows is a valid requirement; put in place of the pin, an upgrade leaves it."""
    from packaging.requirements import Requirement

    text = (made / "requirements.txt").read_text()
    shown = re.search(r"^# (polyvox @ git\+\S+)$", text, re.M)[1]
    url = Requirement(shown.replace("<commit>", "0123abcd")).url
    assert url == "git+https://github.com/polyvox/polyvox@0123abcd"
    (made / "requirements.txt").write_text(f"polyvox @ {url}\n")
    _, lines = upgrade(made, monkeypatch, "9.9.9")
    assert any(line.startswith("  left alone  requirements.txt: you changed it") for line in lines)
    assert requirements(made) == [f"polyvox @ {url}"]
    for name, job in (("check.yml", "check"), ("publish.yml", "build")):
        steps = [s.get("run") for s in workflow(made, name)["jobs"][job]["steps"]]
        assert "pip install -r requirements.txt" in steps, name


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        (
            "en",
            "To write for it, read [CONTRIBUTING.md]({repo}/blob/HEAD/CONTRIBUTING.md) in "
            "[the newsletter's\nrepository]({repo}):",
        ),
        (
            "fr",
            "Pour y écrire, lisez [CONTRIBUTING.md]({repo}/blob/HEAD/CONTRIBUTING.md) dans "
            "[le dépôt de la\nlettre]({repo}) :",
        ),
    ],
)
def test_init_with_the_repository_links_it(tmp_path, language, sentence):
    """--repo writes repo_url (without '.git' or a last '/'); the about page links the guide in
    it; the check passes and all-contributors has the owner and name it needs."""
    repo = "https://github.com/commons/newsletter"
    target = tmp_path / "commons"
    code, output = run("init", target, "--repo", repo + ".git/", "--language", language)
    assert code == 0, output
    assert "repo_url" not in output
    assert yaml.safe_load((target / "mkdocs.yml").read_text())["repo_url"] == repo
    assert sentence.format(repo=repo) in (target / "content/pages/about.md").read_text()
    assert run("check", target, "--strict")[0] == 0
    code, output = run("credits", "-f", target / "mkdocs.yml", "--format", "all-contributors")
    assert code == 0, output
    assert (yaml.safe_load(output)["projectOwner"], yaml.safe_load(output)["projectName"]) == (
        "commons",
        "newsletter",
    )


def test_without_the_repository_credits_say_what_is_missing(made):
    """A community made without --repo: all-contributors names the key and how to add it; the
    about page names the guide without a link."""
    config = made / "mkdocs.yml"
    code, output = run("credits", "-f", config, "--format", "all-contributors")
    assert (code, output.splitlines()[-1]) == (
        1,
        f"Error: {config}: repo_url is missing: all-contributors needs the repository's owner "
        "and name for its links; add 'repo_url: https://github.com/<owner>/<name>' to mkdocs.yml",
    )
    about = (made / "content/pages/about.md").read_text()
    assert "read CONTRIBUTING.md in the newsletter's repository:" in about
    assert "# repo_url: https://github.com/<owner>/<name>" in config.read_text()
