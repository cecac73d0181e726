"""`polyvox check`: every kind of bad input gets exact, located messages and a failing exit."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from tests.conftest import BUILD_DAY, REPO

C = "content/contributors/"
I = "content/issues/2026-09/"  # noqa: E741
A = "content/ama/2026-09-10-voices/"

BAD_INPUTS = [
    pytest.param(
        {"content/pages/voices.md": "# My voices\n"},
        "content/pages/voices.md: error: this page would be published at /voices/, the site's own page there, and replace it: rename the file, e.g. content/pages/voices-page.md",
        id="page takes a generated page's address",
    ),
    pytest.param(
        {"content/pages/search.md": "# Search tips\n"},
        "content/pages/search.md: error: this page would be published at /search/, the site's own folder there, and replace it: rename the file, e.g. content/pages/search-page.md",
        id="page takes the search index's folder",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\nlinks:\n\tSite: https://example.org\n---\n"},
        "content/contributors/bo.md:4: error: front matter is not valid YAML, column 1: found character that cannot start any token: indent with spaces, not tabs",
        id="tab indent",
    ),
    pytest.param(
        {I + "hosting.md": "---\ntitle: No\nauthors: [amara]\nkind: article\n---\nx\n"},
        "content/issues/2026-09/hosting.md:2: error: 'title' expects text, found false (a yes/no value; put it in quotes to make it text)",
        id="yaml boolean title",
    ),
    pytest.param(
        {
            I
            + "hosting.md": "---\ntitle: Rotating: hosts\nauthors: [amara]\nkind: article\n---\nx\n"
        },
        "content/issues/2026-09/hosting.md:2: error: front matter is not valid YAML, column 16: mapping values are not allowed in this context: a value that contains ': ' needs quotes: title: \"Rotating: hosts\"",
        id="yaml syntax",
    ),
    pytest.param(
        {I + "hosting.md": "---\ntitle: T\nauthors: [amara\nkind: article\n---\nx\n"},
        "content/issues/2026-09/hosting.md:4: error: front matter is not valid YAML, column 5: did not find expected ',' or ']' (while parsing a flow sequence that starts on line 3): check the quotes and brackets on that line",
        id="unclosed list",
    ),
    pytest.param(
        {
            I
            + "hosting.md": "---\ntitle: T\nautors: [amara]\nauthors: [amara]\nkind: article\n---\nx\n"
        },
        "content/issues/2026-09/hosting.md:3: error: unknown key 'autors': did you mean 'authors'?",
        id="unknown key",
    ),
    pytest.param(
        {C + "amara.md": "---\nid: amara\nname: Amara\n---\n"},
        "content/contributors/amara.md:2: error: unknown key 'id': an id comes from the file (or folder) name; remove this line or rename the file",
        id="id key",
    ),
    pytest.param(
        {I + "hosting.md": "---\ntitle: T\nkind: article\n---\nx\n"},
        "content/issues/2026-09/hosting.md:1: error: missing required key 'authors': add 'authors:' to the front matter",
        id="missing required",
    ),
    pytest.param(
        {I + "index.md": "---\ntitle: R\nnumber: one\ndate: 2026-09-01\neditors: [amara]\n---\n"},
        "content/issues/2026-09/index.md:3: error: 'number' expects a whole number, found 'one'",
        id="wrong type number",
    ),
    pytest.param(
        {I + "hosting.md": "---\ntitle: 2026\nauthors: [amara]\nkind: article\n---\nx\n"},
        "content/issues/2026-09/hosting.md:2: error: 'title' expects text, found the number 2026",
        id="title number",
    ),
    pytest.param(
        {I + "hosting.md": "---\ntitle: T\nauthors: amara\nkind: article\n---\nx\n"},
        "content/issues/2026-09/hosting.md:3: error: 'authors' expects a list, e.g. [first, second], found 'amara'",
        id="authors string",
    ),
    pytest.param(
        {C + "anon.md": "---\nname: A\nanonymous: 'yes'\n---\n"},
        "content/contributors/anon.md:3: error: 'anonymous' expects true or false, found 'yes'",
        id="anonymous yes string",
    ),
    pytest.param(
        {I + "index.md": "---\ntitle: R\nnumber: 1\ndate: 2026-13-01\neditors: [amara]\n---\n"},
        "content/issues/2026-09/index.md:4: error: 'date': '2026-13-01' is not a real date (month must be in 1..12)",
        id="bad date",
    ),
    pytest.param(
        {I + "index.md": "---\ntitle: R\nnumber: 1\ndate: 1 Sept 2026\neditors: [amara]\n---\n"},
        "content/issues/2026-09/index.md:4: error: 'date': expected a date written YYYY-MM-DD, e.g. 2026-09-01, found '1 Sept 2026'",
        id="date format",
    ),
    pytest.param(
        {
            I
            + "hosting.md": "---\ntitle: T\nauthors:\n  - amara\n  - Tomas Rivera\nkind: article\n---\nx\n"
        },
        "content/issues/2026-09/hosting.md:5: error: 'authors[2]' expects lowercase letters, digits and '-' only, e.g. amara-okafor; found 'Tomas Rivera'; did you mean 'tomas-rivera'?",
        id="bad id in list",
    ),
    pytest.param(
        {
            I
            + "hosting.md": "---\ntitle: T\nauthors: [Hélène Dubois-Martin]\nkind: article\n---\nx\n"
        },
        "content/issues/2026-09/hosting.md:3: error: 'authors[1]' expects lowercase letters, digits and '-' only, e.g. amara-okafor; found 'Hélène Dubois-Martin'; did you mean 'helene-dubois-martin'?",
        id="name for an id, accents transliterated",
    ),
    pytest.param(
        {C + "hélène-dubois-martin.md": "---\nname: Hélène Dubois-Martin\n---\n"},
        "content/contributors/hélène-dubois-martin.md: error: file name 'hélène-dubois-martin.md' is not a valid id: use lowercase letters, digits and '-', e.g. helene-dubois-martin.md",
        id="accented file name",
    ),
    pytest.param(
        {
            "content/ama/2026-09-10-Débat ouvert/index.md": "---\ntitle: R\ndate: 2026-09-10\nguests: [amara]\n---\n"
        },
        "content/ama/2026-09-10-Débat ouvert/index.md: error: AMA folder '2026-09-10-Débat ouvert' is not a session name: name it YYYY-MM-DD-<slug>, e.g. 2026-09-10-debat-ouvert",
        id="accented session folder",
    ),
    pytest.param(
        {
            A
            + "questions/first.md": "---\nasked_by: anon\n---\nHow?\n\n<!-- answer: Amara Okafor -->\nSmall.\n"
        },
        "content/ama/2026-09-10-voices/questions/first.md:6: error: 'Amara Okafor' in the answer marker is not a contributor id: ids use a-z, 0-9 and '-'; did you mean 'amara-okafor'?",
        id="name in a marker",
    ),
    pytest.param(
        {
            I
            + "hosting.md": '---\ntitle: T\nauthors: [amara]\nkind: tip\ntags: [éthique, ""]\n---\nx\n'
        },
        "content/issues/2026-09/hosting.md:5: error: 'tags[2]': a tag cannot be empty: write a word or remove it",
        id="empty tag",
    ),
    pytest.param(
        {I + "hosting.md": '---\ntitle: T\nauthors: [amara]\nkind: tip\ntags: ["  "]\n---\nx\n'},
        "content/issues/2026-09/hosting.md:5: error: 'tags[1]': a tag cannot be empty: write a word or remove it",
        id="blank tag",
    ),
    pytest.param(
        {
            I
            + "hosting.md": "---\ntitle: T\nauthors: [amara]\nkind: tip\ntags: [IA, '?!…']\n---\nx\n"
        },
        "content/issues/2026-09/hosting.md:5: error: 'tags[2]': a tag needs at least one letter or digit, found '?!…'",
        id="punctuation-only tag",
    ),
    pytest.param(
        {
            A + "questions/first.md": "---\nasked_by: anon\ntags:\n  - ok\n  - "
            + "x" * 51
            + "\n---\nHow?\n"
        },
        "content/ama/2026-09-10-voices/questions/first.md:5: error: 'tags[2]': a tag has at most 50 characters, found 51 in '"
        + "x" * 51
        + "': shorten it",
        id="tag over 50 characters",
    ),
    pytest.param(
        {C + "Jane Doe.md": "---\nname: Jane\n---\n"},
        "content/contributors/Jane Doe.md: error: file name 'Jane Doe.md' is not a valid id: use lowercase letters, digits and '-', e.g. jane-doe.md",
        id="stem invalid",
    ),
    pytest.param(
        {
            "content/issues/2026-9/index.md": "---\ntitle: R\nnumber: 5\ndate: 2026-09-01\neditors: [amara]\n---\n"
        },
        "content/issues/2026-9/index.md: error: issue folder '2026-9' is not a month: name it YYYY-MM, e.g. 2026-09",
        id="issue folder invalid",
    ),
    pytest.param(
        {"content/ama/voices/index.md": "---\ntitle: R\ndate: 2026-09-01\nguests: [amara]\n---\n"},
        "content/ama/voices/index.md: error: AMA folder 'voices' is not a session name: name it YYYY-MM-DD-<slug>, e.g. 2026-10-08-plural-voices",
        id="ama folder invalid",
    ),
    pytest.param(
        {I + "hosting.md": "---\ntitle: T\nauthors: [amara, tomass]\nkind: article\n---\nx\n"},
        "content/issues/2026-09/hosting.md:3: error: unknown contributor 'tomass' in 'authors': did you mean 'tomas'?",
        id="unknown contributor",
    ),
    pytest.param(
        {
            C + "leila-haddad.md": "---\nname: Leila Haddad\n---\n",
            I + "hosting.md": "---\ntitle: T\nauthors: [amara, leila]\nkind: article\n---\nx\n",
        },
        "content/issues/2026-09/hosting.md:3: error: unknown contributor 'leila' in 'authors': did you mean 'leila-haddad'?",
        id="unknown contributor short id",
    ),
    pytest.param(
        {I + "hosting.md": "---\ntitle: T\nauthors: [zed]\nkind: article\n---\nx\n"},
        "content/issues/2026-09/hosting.md:3: error: unknown contributor 'zed' in 'authors': add content/contributors/zed.md",
        id="unknown contributor far",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\naliases: [amara]\n---\n"},
        "content/contributors/bo.md:3: error: alias 'amara' is already the id of content/contributors/amara.md: an alias must be an id nobody uses now",
        id="alias clash",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\naliases: [tomas-r]\n---\n"},
        "content/contributors/tomas.md:3: error: alias 'tomas-r' is also claimed by content/contributors/bo.md: an old id can mean one person only",
        id="alias twice",
    ),
    pytest.param(
        {I + "index.md": None},
        [
            "content/ama/2026-09-10-voices/index.md:6: error: 'issue' names '2026-09', which has no content/issues/2026-09/index.md",
            "content/issues/2026-09: error: issue folder has contributions but no index.md: add content/issues/2026-09/index.md with title, number, date and editors",
        ],
        id="folder without index",
    ),
    pytest.param(
        {A + "index.md": None},
        "content/ama/2026-09-10-voices: error: AMA folder has questions but no index.md: add content/ama/2026-09-10-voices/index.md with title, date and guests",
        id="ama without index",
    ),
    pytest.param(
        {I + "hosting.md": "---\ntitle: T\nauthors: [amara]\nkind: articel\n---\nx\n"},
        "content/issues/2026-09/hosting.md:4: error: 'kind' expects one of article, counterpoint, story, tip, showcase, event, link; found 'articel'; did you mean 'article'?",
        id="unknown kind",
    ),
    pytest.param(
        {
            I
            + "reply.md": "---\ntitle: T\nauthors: [tomas]\nkind: counterpoint\nresponds_to: 2026-09/hostin\n---\nx\n"
        },
        "content/issues/2026-09/reply.md:5: error: 'responds_to' names '2026-09/hostin': did you mean '2026-09/hosting'?",
        id="responds nowhere",
    ),
    pytest.param(
        {
            I
            + "reply.md": "---\ntitle: T\nauthors: [tomas]\nkind: counterpoint\nresponds_to: 2026-09/reply\n---\nx\n"
        },
        "content/issues/2026-09/reply.md:5: error: 'responds_to' names this piece itself: name the piece it answers, as <YYYY-MM>/<slug>",
        id="responds self",
    ),
    pytest.param(
        {
            I
            + "reply.md": "---\ntitle: T\nauthors: [tomas]\nkind: counterpoint\nresponds_to: hosting\n---\nx\n"
        },
        "content/issues/2026-09/reply.md:5: error: 'responds_to' expects <YYYY-MM>/<slug>, e.g. 2026-09/rotating-hosts; found 'hosting'",
        id="responds format",
    ),
    pytest.param(
        {
            A
            + "questions/first.md": "---\nasked_by: anon\n---\nHow?\n\n<!-- anwser: amara -->\nSmall.\n"
        },
        "content/ama/2026-09-10-voices/questions/first.md:6: error: unknown marker 'anwser': did you mean 'answer'? write it as <!-- answer: <id> --> or <!-- follow-up: <id> -->",
        id="bad marker",
    ),
    pytest.param(
        {A + "questions/first.md": "---\nasked_by: anon\n---\nHow?\n\n<!-- answer -->\nSmall.\n"},
        "content/ama/2026-09-10-voices/questions/first.md:6: error: the answer marker names nobody: write it as <!-- answer: <id> --> or <!-- follow-up: <id> -->",
        id="marker no id",
    ),
    pytest.param(
        {
            A
            + "questions/first.md": "---\nasked_by: anon\n---\nHow?\n\n<!-- answer: amra -->\nSmall.\n"
        },
        "content/ama/2026-09-10-voices/questions/first.md:6: error: unknown contributor 'amra' in 'answer': did you mean 'amara'?",
        id="marker unknown person",
    ),
    pytest.param(
        {A + "questions/first.md": "---\nasked_by: anon\n---\n\n<!-- answer: amara -->\nSmall.\n"},
        "content/ama/2026-09-10-voices/questions/first.md:4: error: the question is empty: write the question below the front matter, before any answer marker",
        id="empty question",
    ),
    pytest.param(
        {A + "questions/first.md": "---\nasked_by: anon\n---\nHow?\n<!-- answer: amara -->\n\n"},
        "content/ama/2026-09-10-voices/questions/first.md:5: error: the answer by 'amara' is empty: write it below its marker, or remove the marker",
        id="empty answer",
    ),
    pytest.param(
        {C + "bo.md": ""},
        "content/contributors/bo.md: error: file is empty: it needs front matter between --- lines",
        id="empty file",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\n---\nCaf\xe9\n".encode("latin-1")},
        "content/contributors/bo.md:4: error: file is not UTF-8 text: save it with UTF-8 encoding",
        id="not utf8",
    ),
    pytest.param(
        {"content/notes.md": "# hi\n"},
        "content/notes.md: error: file is outside the known layout: Markdown files belong in contributors/<id>.md, issues/<YYYY-MM>/index.md, issues/<YYYY-MM>/<slug>.md, ama/<YYYY-MM-DD>-<slug>/index.md, ama/<session>/questions/<slug>.md or pages/<slug>.md; images in assets/",
        id="outside layout md",
    ),
    pytest.param(
        {"content/logo.png": b"\x89PNG"},
        "content/logo.png: error: file is outside the known layout: Markdown files belong in contributors/<id>.md, issues/<YYYY-MM>/index.md, issues/<YYYY-MM>/<slug>.md, ama/<YYYY-MM-DD>-<slug>/index.md, ama/<session>/questions/<slug>.md or pages/<slug>.md; images in assets/",
        id="outside layout file",
    ),
    pytest.param(
        {C + "bo.md": "Just a bio.\n"},
        "content/contributors/bo.md:1: error: front matter is missing: start the file with a '---' line, the keys, then another '---' line (see CONTRIBUTING.md)",
        id="no front matter",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\n"},
        "content/contributors/bo.md:1: error: front matter is never closed: add a line '---' after its last key",
        id="unclosed fm",
    ),
    pytest.param(
        {C + "bo.md": "---\n- a\n- b\n---\n"},
        "content/contributors/bo.md:2: error: front matter must be a mapping of keys to values, e.g. 'title: My piece'",
        id="fm not mapping",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\npronouns: he\nname: Bob\n---\n"},
        "content/contributors/bo.md:4: error: key 'name' is written twice (first on line 2): keep one",
        id="duplicate key",
    ),
    pytest.param(
        {A + "index.md": "---\ntitle: P\ndate: 2026-09-11\nguests: [amara]\n---\n"},
        "content/ama/2026-09-10-voices/index.md:3: error: 'date' is 2026-09-11, but the folder name says 2026-09-10: make them the same",
        id="session date mismatch",
    ),
    pytest.param(
        {A + "index.md": "---\ntitle: P\ndate: 2026-09-10\nguests: [amara]\nissue: 2026-10\n---\n"},
        "content/ama/2026-09-10-voices/index.md:5: error: 'issue' names '2026-10', which has no content/issues/2026-10/index.md",
        id="session issue missing",
    ),
    pytest.param(
        {
            "content/issues/2026-10/index.md": "---\ntitle: R\nnumber: 1\ndate: 2026-10-01\neditors: [amara]\n---\n"
        },
        "content/issues/2026-10/index.md:3: error: number 1 is already used by content/issues/2026-09/index.md: give this issue the next free number",
        id="duplicate number",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\navatar: assets/bo.png\n---\n"},
        "content/contributors/bo.md:3: error: 'avatar' file 'assets/bo.png' does not exist: add it under content/ or remove the line",
        id="avatar missing",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\navatar: ../secret.png\n---\n"},
        "content/contributors/bo.md:3: error: 'avatar' path '../secret.png' leaves content/: give a path inside content/, e.g. assets/avatars/you.png",
        id="avatar escape",
    ),
    pytest.param(
        {I + "index.md": "---\ntitle: R\nnumber: 1\ndate: 2026-09-01\neditors: []\n---\n"},
        "content/issues/2026-09/index.md:5: error: 'editors' needs at least one entry, found an empty list",
        id="empty editors",
    ),
    pytest.param(
        {I + "hosting.md": "---\ntitle:\nauthors: [amara]\nkind: article\n---\nx\n"},
        "content/issues/2026-09/hosting.md:2: error: 'title' is empty: give it a value or remove the line",
        id="empty title",
    ),
    pytest.param(
        {
            I
            + "index.md": "---\ntitle: R\nnumber: 1\ndate: 2026-09-01\neditors: [amara]\nstatus: publish\n---\n"
        },
        "content/issues/2026-09/index.md:6: error: 'status' expects one of draft, published; found 'publish'; did you mean 'published'?",
        id="bad status",
    ),
    pytest.param(
        {
            C
            + "bo.md": "---\nname: Bo\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n"
        },
        "content/contributors/bo.md:1: error: front matter expands to more than 10,000 values (YAML aliases nested too deep): write the values out plainly",
        id="billion laughs",
    ),
    pytest.param(
        {
            I
            + "hosting.md": "---\ntitle: T\nauthors: [amara]\nkind: tip\nupdated: 2026-08-30\n---\nx\n"
        },
        "content/issues/2026-09/hosting.md:5: error: 'updated' is 2026-08-30, before its publication on 2026-09-01: give the day of the last significant change, or remove the line",
        id="updated before publication",
    ),
    pytest.param(
        {I + "hosting.md": "---\ntitle: T\nauthors: [tomas-r, tomas]\nkind: tip\n---\nx\n"},
        "content/issues/2026-09/hosting.md:3: error: 'tomas-r' in 'authors' is an old id of 'tomas', who is already listed: keep 'tomas' once",
        id="person twice by an alias",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\n[a]: 1\n---\n"},
        "content/contributors/bo.md:3: error: a key must be a plain name, not a list or a mapping: write it as 'name: value'",
        id="list as a key",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\ngithub: '@bo-dev'\n---\n"},
        "content/contributors/bo.md:3: error: 'github' expects a GitHub user name: letters, digits and single '-', e.g. amara-o; found '@bo-dev'",
        id="github with at",
    ),
    pytest.param(
        {C + "bo.md": "---\nname: Bo\nlinks: [https://example.org]\n---\n"},
        "content/contributors/bo.md:3: error: 'links' expects a mapping of label: value, found a list",
        id="links not mapping",
    ),
    pytest.param(
        {I + "index.md": "---\ntitle: R\nnumber: 0\ndate: 2026-09-01\neditors: [amara]\n---\n"},
        "content/issues/2026-09/index.md:3: error: 'number' must be at least 1, found the number 0",
        id="number zero",
    ),
    pytest.param(
        {I + "hosting.md": "---\ntitle: ' '\nauthors: [amara]\nkind: article\n---\nx\n"},
        "content/issues/2026-09/hosting.md:2: error: 'title' expects text with at least one visible character; found ' '",
        id="blank title",
    ),
]


def test_minimal_tree_passes(content_tree, run_check):
    """The fixture's tree is valid, so each case below isolates one fault."""
    code, lines = run_check(content_tree())
    assert (code, lines) == (0, ["polyvox: 10 files checked, no problems found."])


@pytest.mark.parametrize(("files", "expected"), BAD_INPUTS)
def test_bad_input_gets_located_messages(content_tree, run_check, files, expected):
    """Each fault is reported as path:line: error: message, nothing else, and the check fails."""
    expected = [expected] if isinstance(expected, str) else expected
    code, lines = run_check(content_tree(files))
    assert code == 1
    assert lines[:-1] == expected
    assert lines[-1].endswith(f"{len(expected)} error{'s' * (len(expected) > 1)}, 0 warnings.")


def test_every_problem_is_collected_before_stopping(content_tree, run_check):
    """Faults in several files are all reported in one run, sorted by path and line."""
    root = content_tree(
        {
            C + "bo.md": "---\nname: Bo\npronouns: 3\n---\n",
            I + "hosting.md": "---\ntitle: T\nauthors: [zed]\nkind: tip\n---\nx\n",
        }
    )
    code, lines = run_check(root)
    assert code == 1
    assert lines == [
        "content/contributors/bo.md:3: error: 'pronouns' expects text, found the number 3",
        "content/issues/2026-09/hosting.md:3: error: unknown contributor 'zed' in 'authors': add content/contributors/zed.md",
        "polyvox: 11 files checked, 2 errors, 0 warnings.",
    ]


COUNTERPOINT_WITHOUT_TARGET = {
    I + "reply.md": "---\ntitle: Not quite\nauthors: [tomas]\nkind: counterpoint\n---\nx\n"
}
WARNING_LINE = (
    "content/issues/2026-09/reply.md:4: warning: this counterpoint does not say what it answers: "
    "add 'responds_to: <YYYY-MM>/<slug>' so readers can read both sides"
)


def test_warnings_print_but_pass(content_tree, run_check):
    """A warning is shown to the member but does not fail the check."""
    code, lines = run_check(content_tree(COUNTERPOINT_WITHOUT_TARGET))
    assert (code, lines) == (0, [WARNING_LINE, "polyvox: 10 files checked, 0 errors, 1 warning."])


def test_strict_fails_on_warnings(content_tree, run_check):
    """With --strict a warning fails the check."""
    code, lines = run_check(content_tree(COUNTERPOINT_WITHOUT_TARGET), "--strict")
    assert (code, lines[0]) == (1, WARNING_LINE)


def test_github_format_prints_annotations(content_tree, run_check):
    """--format github prints workflow commands GitHub turns into inline annotations."""
    root = content_tree({C + "bo.md": "---\nname: Bo\nbio: hi\n---\n"})
    code, lines = run_check(root, "--format", "github")
    assert code == 1
    assert lines[0] == (
        "::error file=content/contributors/bo.md,line=3::unknown key 'bio': known keys: name, "
        "pronouns, avatar, links, github, reddit, discord, fediverse, aliases, anonymous"
    )


def read_annotation(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the Actions runner reads it (ActionCommand.TryParseV2): the name,
    its properties split on ',' and '=', then unescaped, and its message unescaped."""
    assert line.startswith("::")
    head, _, data = line[2:].partition("::")
    name, _, props = head.partition(" ")
    unescape = {"%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}

    def unescaped(text: str, codes: list[str]) -> str:
        for code in codes:
            text = text.replace(code, unescape[code])
        return text.replace("%25", "%")

    properties = dict(prop.split("=", 1) for prop in props.split(",") if prop)
    everything = list(unescape)
    return (
        name,
        {key: unescaped(value, everything) for key, value in properties.items()},
        unescaped(data, ["%0D", "%0A"]),
    )


def test_github_format_escapes_the_file_as_a_property(content_tree, run_check):
    """A file name with ',' ':' or '%' stays whole in the annotation: GitHub reads the file
    property up to the next ',' and the properties up to '::', so those are escaped."""
    name = "content/contributors/bo, jr: 100%.md"
    code, lines = run_check(content_tree({name: "---\nname: Bo\n---\n"}), "--format", "github")
    assert code == 1
    assert read_annotation(lines[0]) == (
        "error",
        {"file": name},
        "file name 'bo, jr: 100%.md' is not a valid id: use lowercase letters, digits and '-', "
        "e.g. bo-jr-100.md",
    )


def test_check_accepts_the_content_folder_itself(content_tree, run_check):
    """PATH may be the project or its content/ folder; paths stay relative to the project."""
    root = content_tree({C + "bo.md": "---\nname: 5\n---\n"})
    _, lines = run_check(root / "content")
    assert (
        lines[0] == "content/contributors/bo.md:2: error: 'name' expects text, found the number 5"
    )


NOT_A_PROJECT = (
    "Error: {path} is not in a Polyvox project (a folder with mkdocs.yml and content/): start "
    "one with 'polyvox init FOLDER', or run 'polyvox check' inside one"
)


@pytest.mark.parametrize(
    ("files", "checked"),
    [
        ({}, "."),
        ({f"notes/page-{n}.md": f"# Page {n}\n\nNo front matter.\n" for n in range(50)}, "."),
        ({f"notes/page-{n}.md": f"# Page {n}\n" for n in range(5)}, "notes"),
        ({"content/issues/2026-09/index.md": "# An issue\n"}, "content/issues/2026-09/index.md"),
    ],
    ids=["empty folder", "unrelated Markdown", "a folder of it", "content/ but no mkdocs.yml"],
)
def test_check_outside_a_project_says_so_and_how_to_start_one(tmp_path, files, checked):
    """Where there is no mkdocs.yml, check does not read every Markdown file as content (0
    files and no problem, or an error per file): one line says what a project is, exit 2."""
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / checked)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        NOT_A_PROJECT.format(path=tmp_path / checked) + "\n",
    )


def test_aliases_resolve_to_one_person(content_tree):
    """An old id names the same contributor as the current one."""
    from polyvox.content.load import load_community

    community = load_community(content_tree()).community
    assert community.person("tomas-r") is community.person("tomas")


def test_check_never_modifies_content(content_tree, run_check):
    """Checking (even failing content) leaves every byte of content/ as it was."""
    root = content_tree({C + "bo.md": "---\nname: Bo\nnam: x\n---\n"})

    def snapshot() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    before = snapshot()
    run_check(root)
    assert snapshot() == before


def test_bundled_example_passes_strict(run_check):
    """The example community shipped in content/ passes the strictest check (on the day the
    example is built on: later, its draft and its AMA are rightly reported as left behind)."""
    from pathlib import Path

    from tests.conftest import BUILD_DAY

    code, lines = run_check(Path(__file__).parent.parent, "--strict", "--today", BUILD_DAY)
    assert code == 0, "\n".join(lines)
    assert lines[-1].endswith("no problems found.")


RETURNING = {
    "content/issues/2026-10/index.md": "---\ntitle: Again\nnumber: 2\ndate: 2026-10-01\neditors: [amara]\n---\n",
    "content/issues/2026-10/more.md": "---\ntitle: More\nauthors: [tomas-r]\nkind: story\n---\nx\n",
}
ANONYMOUS_ISSUE = {
    "content/issues/2026-10/index.md": "---\ntitle: Alone\nnumber: 2\ndate: 2026-10-01\neditors: [anon]\n---\n",
    "content/issues/2026-10/more.md": "---\ntitle: More\nauthors: [anon]\nkind: story\n---\nx\n",
}
DOMINANT = (
    "content/issues/2026-09/index.md: warning: Amara Okafor holds 5 of this issue's 10 acts (50%), "
    "more than max_voice_share allows (40%): invite more people to write, ask or review, or raise "
    "max_voice_share in mkdocs.yml"
)
NO_FIRST_VOICE = (
    "content/issues/2026-10/index.md: warning: nobody in this issue takes part for the first time "
    "(require_first_voice is on in mkdocs.yml): invite a newcomer to write, ask or review"
)
ANONYMOUS_DOMINANT = (
    "content/issues/2026-10/index.md: warning: an anonymous member holds 2 of this issue's 2 acts "
    "(100%), more than max_voice_share allows (90%): invite more people to write, ask or review, or "
    "raise max_voice_share in mkdocs.yml"
)


@pytest.mark.parametrize(
    ("files", "options", "expected"),
    [
        pytest.param({}, "", [], id="off by default"),
        pytest.param(RETURNING, "", [], id="no first voice, but off by default"),
        # amara: editor, author, guest, two answers = 5 of the issue's 10 acts
        pytest.param({}, "max_voice_share: 0.4", [DOMINANT], id="share above the limit"),
        pytest.param({}, "max_voice_share: 0.5", [], id="share at the limit"),
        pytest.param(RETURNING, "require_first_voice: true", [NO_FIRST_VOICE], id="no first voice"),
        pytest.param(
            ANONYMOUS_ISSUE,
            "max_voice_share: 0.9\n      require_first_voice: true",
            [ANONYMOUS_DOMINANT, NO_FIRST_VOICE],
            id="anonymous member never named",
        ),
    ],
)
def test_plurality_warnings_follow_the_options(content_tree, run_check, files, options, expected):
    """An editor may ask check to warn when one voice dominates or nobody new takes part."""
    config = "site_name: Circle\nplugins:\n  - polyvox" + (
        f":\n      {options}\n" if options else "\n"
    )
    root = content_tree({"mkdocs.yml": config, **files})
    code, lines = run_check(root)
    assert (code, lines[:-1]) == (0, expected)
    if expected:
        assert run_check(root, "--strict")[0] == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "30",
            "plugins.polyvox.max_voice_share: input should be less than or equal to 1, found the number 30",
        ),
        ("lots", "plugins.polyvox.max_voice_share: expects a number, e.g. 0.3, found 'lots'"),
    ],
)
def test_bad_voice_share_option_is_named(content_tree, run_check, value, message):
    """A share written as a percentage or a word gets a message naming the option."""
    config = f"site_name: Circle\nplugins:\n  - polyvox:\n      max_voice_share: {value}\n"
    root = content_tree({"mkdocs.yml": config})
    code, lines = run_check(root)
    assert code == 1
    assert lines == [f"Error: {root / 'mkdocs.yml'}: {message}"]


READERS: Path | None = None
"""Where `_read_and_sign` leaves the id of each process that read a file (set per test)."""


def _read_and_sign(path: Path, rel: str, max_bytes: int):
    """read_all's worker, leaving the id of the process that ran it in READERS."""
    from polyvox.content.reader import read_document

    (READERS / str(os.getpid())).touch()
    return read_document(path, rel, max_bytes=max_bytes)


@pytest.fixture
def load_with(monkeypatch, tmp_path):
    """A function that loads a tree with read_all's threshold (and the pool, optionally) set;
    it returns what was loaded and the ids of the processes that read its files."""
    from polyvox.content import reader
    from polyvox.content.load import load_community

    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # a second core, even on a one-core runner
    monkeypatch.setattr(reader, "_read_in_worker", _read_and_sign)

    def load(root: Path, *, parallel_from: int, pool_fails: bool = False):
        folder = tmp_path / f"readers-{len(list(tmp_path.glob('readers-*')))}"
        folder.mkdir()
        with monkeypatch.context() as patch:
            patch.setattr(sys.modules[__name__], "READERS", folder)
            patch.setattr(reader, "PARALLEL_FROM", parallel_from)
            if pool_fails:
                patch.setattr(reader.mp, "get_context", _context_without_processes)
            loaded = load_community(root)
        return loaded, {int(p.name) for p in folder.iterdir()}

    return load


def _context_without_processes(method: str):
    """A multiprocessing context whose pool cannot start, like a machine out of processes."""

    class NoPool:
        def Pool(self, processes: int):  # multiprocessing's own name
            raise OSError(11, "Resource temporarily unavailable")

    return NoPool()


def test_reading_on_every_core_finds_what_reading_one_by_one_finds(content_tree, load_with):
    """Large trees are read by worker processes; the community and the messages are the same
    as when every file is read here, one by one."""
    assert "fork" in multiprocessing.get_all_start_methods()  # the platforms Polyvox runs on
    for files, problems in [
        ({}, 0),
        (
            {
                C + "bo.md": "---\nname: Bo\npronouns: 3\n---\n",
                I + "hosting.md": "---\ntitle: T\nauthors: [zed]\nkind: tip\n---\nx\n",
            },
            2,
        ),
    ]:
        root = content_tree(files)
        serial, serial_readers = load_with(root, parallel_from=10**9)
        parallel, parallel_readers = load_with(root, parallel_from=1)
        assert serial_readers == set()
        assert parallel_readers and os.getpid() not in parallel_readers
        assert len(serial.problems) == problems and parallel.problems == serial.problems
        assert parallel.community == serial.community
        assert (serial.community is None) == bool(problems)


def test_reading_falls_back_to_one_by_one_when_no_process_can_start(content_tree, load_with):
    """A machine out of processes still reads every file, here, with the same result."""
    root = content_tree()
    serial, _ = load_with(root, parallel_from=10**9)
    fallback, readers = load_with(root, parallel_from=1, pool_fails=True)
    assert readers == set()
    assert fallback.community is not None and fallback.community == serial.community


def test_make_build_checks_the_example_as_of_its_day_with_no_warning(run_check):
    """README's `make build` checks and builds the bundled example as of the day it is written
    for (the day the suite builds it), and the example then has nothing to warn about."""
    dry = subprocess.run(
        ["make", "-n", "-C", str(REPO), "build"], capture_output=True, text=True, check=True
    )
    commands = [line.split()[1:] for line in dry.stdout.splitlines() if "bin/polyvox " in line]
    assert commands == [["check", "--today", BUILD_DAY], ["build", "--today", BUILD_DAY]]
    code, lines = run_check(REPO, "--today", BUILD_DAY)
    assert code == 0 and lines[-1].endswith(" files checked, no problems found."), lines
