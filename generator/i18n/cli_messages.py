"""Every message the command line gives members and editors, in English: the problems
`polyvox check` finds, what `polyvox new` and `polyvox import` say, the preview's error page.

Keys are grouped by where the message comes from (`meta_`, `yaml_`, `html_`, `link_`...). A
message whose field holds another message (a reason, a hint) is put together in the reader's
language by `polyvox.i18n.phrases`; a translation may move each field where its grammar wants it.
"""

from __future__ import annotations

from polyvox.i18n.markers import M, Message, P

CLI_MESSAGES: dict[str, Message] = dict(
    [
        # what `polyvox check` prints last
        P("summary_checked", "{count} file checked", "{count} files checked"),
        P("summary_errors", "{count} error", "{count} errors"),
        P("summary_warnings", "{count} warning", "{count} warnings"),
        M("summary_clean", "{checked}, no problems found."),
        M("summary_found", "{checked}, {errors}, {warnings}."),
        P(
            "summary_elsewhere",
            "{count} more problem elsewhere in the project, not in {path}: run 'polyvox check' "
            "to see them.",
            "{count} more problems elsewhere in the project, not in {path}: run 'polyvox check' "
            "to see them.",
        ),
        # what `polyvox build` prints last, and what a command says when the check stops it
        P(
            "build_done",
            "built {count} page into {folder} in {seconds} s.",
            "built {count} pages into {folder} in {seconds} s.",
        ),
        P(
            "build_unchanged",
            "nothing changed since the last build: {count} page in {folder} is up to date "
            "({seconds} s).",
            "nothing changed since the last build: {count} pages in {folder} are up to date "
            "({seconds} s).",
        ),
        M("build_failed", "build failed; the previous site was left as it was."),
        M("export_failed", "nothing was exported."),
        M("credits_failed", "no credits were exported."),
        M("report_failed", "no report was made."),
        M("forms_failed", "no form was written."),
        # the preview's log, above the problems
        M("preview_log_errors", "content has errors:"),
        # front matter against its schema
        M("meta_missing_key", "missing required key '{key}': add '{key}:' to the front matter"),
        M("meta_empty", "'{where}' is empty: give it a value or remove the line"),
        M("meta_expects", "'{where}' expects {expected}, found {found}"),
        M("meta_pattern", "'{where}' expects {hint}; found {found}"),
        M("meta_pattern_meant", "'{where}' expects {hint}; found {found}; did you mean '{meant}'?"),
        M("meta_choice", "'{where}' expects one of {choices}; found {found}"),
        M(
            "meta_choice_meant",
            "'{where}' expects one of {choices}; found {found}; did you mean '{meant}'?",
        ),
        M("meta_empty_list", "'{where}' needs at least one entry, found an empty list"),
        M("meta_at_least", "'{where}' must be at least {least}, found {found}"),
        M("meta_value_fault", "'{where}': {fault}"),
        M("meta_other_fault", "'{where}': {fault}, found {found}"),
        M("meta_unknown_key", "unknown key '{key}': {hint}"),
        M("meta_known_keys", "known keys: {keys}"),
        M(
            "meta_unknown_id",
            "unknown key 'id': an id comes from the file (or folder) name; remove this line or "
            "rename the file",
        ),
        M(
            "meta_piece_date",
            "a piece takes its date from its issue (the 'date' in the issue's index.md); remove "
            "this line (for a significant change after publication, write 'updated')",
        ),
        M("did_you_mean", "did you mean '{meant}'?"),
        M("expect_text", "text"),
        M("expect_whole_number", "a whole number"),
        M("expect_number", "a number, e.g. 0.3"),
        M("expect_bool", "true or false"),
        M("expect_list", "a list, e.g. [first, second]"),
        M("expect_mapping", "a mapping of label: value"),
        M("expect_date", "a date written YYYY-MM-DD"),
        M("pattern_id", "lowercase letters, digits and '-' only, e.g. amara-okafor"),
        M("pattern_issue_id", "an issue id YYYY-MM, e.g. 2026-09"),
        M("pattern_piece_ref", "<YYYY-MM>/<slug>, e.g. 2026-09/rotating-hosts"),
        M("pattern_visible", "text with at least one visible character"),
        M("pattern_github", "a GitHub user name: letters, digits and single '-', e.g. amara-o"),
        M(
            "pattern_reddit",
            "a Reddit user name without 'u/': 3 to 20 letters, digits, '_' or '-'",
        ),
        M(
            "pattern_discord",
            "a Discord user name: 2 to 32 lowercase letters, digits, '_' or '.'",
        ),
        M("found_nothing", "nothing"),
        M("found_bool", "{value} (a yes/no value; put it in quotes to make it text)"),
        M("found_number", "the number {value}"),
        M("found_text", "'{value}'"),
        M("found_list", "a list"),
        M("found_mapping", "a mapping"),
        M("date_not_real", "'{value}' is not a real date ({reason})"),
        M("date_month_range", "month must be in 1..12"),
        M("date_day_range", "day is out of range for month"),
        M("date_year_zero", "year 0 is out of range"),
        M("date_expected", "expected a date written YYYY-MM-DD, e.g. 2026-09-01, found '{value}'"),
        M(
            "not_a_language_tag",
            "'{value}' is not a language tag: write a BCP 47 language tag, e.g. fr, de-CH or pt-BR",
        ),
        M("tag_empty", "a tag cannot be empty: write a word or remove it"),
        M("tag_no_letter", "a tag needs at least one letter or digit, found '{text}'"),
        M(
            "tag_too_long",
            "a tag has at most {most} characters, found {found} in '{text}': shorten it",
        ),
        M(
            "not_a_fediverse_address",
            "'{value}' is not a Fediverse address: write it as @name@server, e.g. "
            "@noa@social.example",
        ),
        # reading a file and its front matter
        M("file_too_big", "file is {size} bytes; the limit is {limit}"),
        M("file_not_utf8", "file is not UTF-8 text: save it with UTF-8 encoding"),
        M("file_empty", "file is empty: it needs front matter between --- lines"),
        M(
            "front_matter_missing",
            "front matter is missing: start the file with a '---' line, the keys, then another "
            "'---' line (see CONTRIBUTING.md)",
        ),
        M("yaml_never_closed", "front matter is never closed: add a line '---' after its last key"),
        M(
            "yaml_too_deep",
            "front matter nests lists or mappings more than {most} levels deep: no key needs "
            "that; write the values out plainly",
        ),
        M(
            "yaml_too_many",
            "front matter expands to more than {most} values (YAML aliases nested too deep): "
            "write the values out plainly",
        ),
        M(
            "yaml_not_mapping",
            "front matter must be a mapping of keys to values, e.g. 'title: My piece'",
        ),
        M(
            "yaml_odd_key",
            "a key must be a plain name, not a list or a mapping: write it as 'name: value'",
        ),
        M("yaml_invalid", "front matter is not valid YAML: {reason}"),
        M(
            "yaml_invisible",
            "front matter is not valid YAML: column {column} holds {char}, which YAML does not "
            "read as a space (French typing puts one before ':'): type an ordinary space instead",
        ),
        M("yaml_fault_at", "front matter is not valid YAML, column {column}: {problem}: {hint}"),
        M("yaml_fault", "front matter is not valid YAML: {problem}: {hint}"),
        M("yaml_problem_since", "{problem} ({context} that starts on line {since})"),
        M("yaml_syntax_error", "syntax error"),
        M("yaml_mapping_values", "mapping values are not allowed here"),
        M("yaml_mapping_values_context", "mapping values are not allowed in this context"),
        M("yaml_no_colon", "could not find expected ':'"),
        M("yaml_cannot_start", "found character that cannot start any token"),
        M("yaml_tab_start", "found character '\\t' that cannot start any token"),
        M("yaml_unexpected_end", "found unexpected end of stream"),
        M("yaml_undefined_alias", "found undefined alias"),
        M("yaml_unknown_escape", "found unknown escape character"),
        M("yaml_expected_key", "did not find expected key"),
        M("yaml_expected_content", "did not find expected node content"),
        M("yaml_expected_bracket", "did not find expected ',' or ']'"),
        M("yaml_expected_brace", "did not find expected ',' or '}'"),
        M("yaml_expected_dash", "did not find expected '-' indicator"),
        M("yaml_expected_line_end", "did not find expected comment or line break"),
        M("yaml_tab_indentation", "found a tab character that violates indentation"),
        M(
            "yaml_tab_expected_space",
            "found a tab character where an indentation space is expected",
        ),
        M("yaml_duplicate_anchor", "found duplicate anchor; first occurrence"),
        M("yaml_while_key", "while scanning a simple key"),
        M("yaml_while_quoted", "while scanning a quoted scalar"),
        M("yaml_while_plain", "while scanning a plain scalar"),
        M("yaml_while_mapping", "while parsing a block mapping"),
        M("yaml_while_collection", "while parsing a block collection"),
        M("yaml_while_flow_sequence", "while parsing a flow sequence"),
        M("yaml_while_flow_mapping", "while parsing a flow mapping"),
        M("yaml_while_node", "while parsing a block node"),
        M("yaml_while_flow_node", "while parsing a flow node"),
        M("yaml_while_alias", "while scanning an alias"),
        M("yaml_while_anchor", "while scanning an anchor"),
        M("yaml_while_tag", "while scanning a tag"),
        M("yaml_while_block_scalar", "while scanning a block scalar"),
        M("yaml_while_token", "while scanning for the next token"),
        M("yaml_second_occurrence", "second occurrence"),
        M("yaml_unknown_tag", "could not determine a constructor for the tag '{tag}'"),
        M("yaml_hint_colon", "a value that contains ': ' needs quotes"),
        M("yaml_hint_colon_pasted", "a value that contains ': ' needs quotes: {pasted}"),
        M("yaml_hint_tabs", "indent with spaces, not tabs"),
        M(
            "yaml_hint_reserved",
            "a value that starts with {char} needs double quotes, e.g. {pasted}",
        ),
        M(
            "yaml_hint_typographic",
            "typographic quotes ({first} {last}) are not quotes for YAML, so the ': ' inside ends "
            "the value; use straight double quotes: {pasted}",
        ),
        M(
            "yaml_hint_apostrophe",
            "the apostrophe inside the single quotes on line {line} ends them early: put the text "
            "in double quotes instead, e.g. {pasted}",
        ),
        M("yaml_hint_check_quotes", "check the quotes and brackets on that line"),
        M(
            "yaml_missing_colon",
            "front matter is not valid YAML: '{text}' has no ':' after its key: {fix}",
        ),
        M("yaml_write_key_value", "write '{key}: {value}'"),
        M("yaml_write_key", "write '{key}:' and its value"),
        M(
            "yaml_cut_by_comment",
            "'{key}' stops at ' #': YAML reads '#{comment}' as a comment, so the {key} is "
            "'{value}'; to keep it all, put it in quotes: {key}: {quoted}",
        ),
        M(
            "yaml_invisible_in_key",
            "key '{key}' holds {char} at column {column}, which YAML keeps as part of the name "
            "(French typing puts one before ':'): write '{key}:' with no space",
        ),
        M("yaml_key_twice", "key '{key}' is written twice (first on line {first}): keep one"),
        M("column_holds", "column {column} holds {char}"),
        M("key_holds", "'{key}' holds {char}"),
        M(
            "unprintable_control",
            "a control character ({code}), which pages, feeds and email cannot carry (it shows as "
            "nothing, or stops the build): delete it; an editor that shows invisible characters "
            "will show where",
        ),
        M(
            "unprintable_noncharacter",
            "a noncharacter ({code}), which pages, feeds and email cannot carry (it shows as "
            "nothing, or stops the build): delete it; an editor that shows invisible characters "
            "will show where",
        ),
        M("char_named", "{name} ({code})"),
        M("char_no_break_space", "a no-break space"),
        M("char_figure_space", "a figure space"),
        M("char_narrow_no_break_space", "a narrow no-break space"),
        M("char_zero_width_space", "a zero width space"),
        M("char_word_joiner", "a word joiner"),
        M("char_zero_width_no_break_space", "a zero width no-break space"),
        M("char_ideographic_space", "an ideographic space"),
        M("char_invisible", "an invisible character"),
        # where a file is in content/
        M(
            "layout_md_case",
            "file name '{name}' ends in '{ending}': Markdown files end in lowercase '.md' "
            "(otherwise the file would be published as it is): rename it {fixed}",
        ),
        M(
            "layout_outside",
            "file is outside the known layout: Markdown files belong in contributors/<id>.md, "
            "issues/<YYYY-MM>/index.md, issues/<YYYY-MM>/<slug>.md, "
            "ama/<YYYY-MM-DD>-<slug>/index.md, ama/<session>/questions/<slug>.md or "
            "pages/<slug>.md; images in assets/",
        ),
        M(
            "layout_issue_folder",
            "issue folder '{folder}' is not a month: name it YYYY-MM, e.g. 2026-09",
        ),
        M(
            "layout_file_name",
            "file name '{name}' is not a valid id: use lowercase letters, digits and '-', e.g. "
            "{fixed}",
        ),
        M(
            "layout_session_folder",
            "AMA folder '{folder}' is not a session name: name it YYYY-MM-DD-<slug>, e.g. "
            "{example}",
        ),
        M(
            "layout_session_date",
            "AMA folder '{folder}' starts with '{date}', not a real date: name it "
            "YYYY-MM-DD-<slug>, e.g. {example}",
        ),
        M("no_content_folder", "no content/ folder here"),
        M("symlink_outside", "file is a link that leads outside content/: copy the file in"),
        M(
            "symlink_not_file",
            "file is a link to {where}, which is not a file: copy the files in instead",
        ),
        M(
            "symlink_other_kind",
            "file is a link to {where}, {what}: a link in {folder}/ may only point at a file of "
            "its own kind; copy the file in instead",
        ),
        M(
            "symlink_published_with_issue",
            "file is a link to {where}, which is published only with issue {item}: copy the "
            "file in instead, so it is published with this one",
        ),
        M(
            "symlink_published_with_session",
            "file is a link to {where}, which is published only with session {item}: copy the "
            "file in instead, so it is published with this one",
        ),
        M("kind_a_profile", "a profile"),
        M("kind_an_issue_index", "an issue's index"),
        M("kind_a_piece", "a piece"),
        M("kind_a_session_index", "a session's index"),
        M("kind_a_question", "a question"),
        M("kind_a_page", "a page"),
        M("kind_outside_layout", "a file outside the layout"),
        M("kind_image", "a {suffix} image"),
        M("kind_image_no_suffix", "a file without extension image"),
        M(
            "issue_without_index",
            "issue folder has contributions but no index.md: add {index} with title, number, "
            "date and editors",
        ),
        M(
            "session_without_index",
            "AMA folder has questions but no index.md: add {index} with title, date and guests",
        ),
        # links, images and addresses
        M("link_fault", "{form} '{url}' {fault}"),
        M("form_link", "link"),
        M("form_image", "image"),
        M("form_link_definition", "link definition"),
        M("form_image_definition", "image definition"),
        M("form_autolink", "autolink"),
        M("form_attribute_list", "attribute list '{name}'"),
        M(
            "url_scheme",
            "uses the scheme '{scheme}:', which is not allowed: link with https://, http:// or "
            "mailto:, or with a path inside the site",
        ),
        M("url_mailto", "is malformed: write an address after 'mailto:'"),
        M("url_no_scheme", "has no scheme, so it would lead inside this site: write https://{url}"),
        M("url_no_colon", "is missing the ':' after its scheme: write https://..."),
        M("url_space", "contains a space: write it as %20 (or check for a missing ')')"),
        M("url_malformed", "is malformed ({reason}): copy it again from the browser's address bar"),
        M(
            "url_no_host",
            "is malformed: it has no host after '{scheme}://', e.g. {scheme}://example.org/",
        ),
        M("url_bad_host", "is malformed: '{host}' is not a valid host"),
        M(
            "link_repeated",
            "link '{url}' was already published in issue {issue} ({where}): choose one readers "
            "have not seen, or drop it",
        ),
        # where a link or an image inside the site leads
        M(
            "target_generic_hint",
            "link the file by its path from this one, e.g. ../2026-10/my-piece.md",
        ),
        M(
            "target_outside",
            "leads outside {content}/, which the site does not publish: link what is there by "
            "its full address (https://...)",
        ),
        M("target_write_from_here", "write it from this file: {meant}"),
        M(
            "target_from_repository",
            "is written from the repository's root, where the site has no '{content}/' folder: "
            "{fix}",
        ),
        M("target_did_you_mean", "did you mean {meant}?"),
        M("target_not_content", "leads to {where}, which is not a content file: {hint}"),
        M("target_missing", "leads to {where}, which does not exist: {hint}"),
        M(
            "target_missing_case",
            "leads to {where}, which does not exist (the server tells upper and lower case "
            "apart): {hint}",
        ),
        M(
            "target_add_file",
            "add the file there, or correct the path (images go in {content}/assets/ or next to "
            "the file that shows them)",
        ),
        M("target_name_page", "name a page by its folder from this file, e.g. {example}"),
        M("target_not_page", "leads to /{path}, which is not a page of the site: {hint}"),
        M("target_not_image", "leads to {target}, which is not an image: name an image file"),
        M(
            "target_anonymous",
            "leads to the profile of an anonymous member, which the site never publishes: remove "
            "the link",
        ),
        M(
            "target_draft_image",
            "is in the folder of issue {issue}, which is still a draft, so it is published only "
            "with that issue: move it to {content}/assets/ and write {written}",
        ),
        M(
            "target_draft",
            "leads to {target}, in issue {issue}, which is still a draft: readers cannot follow "
            "it; link it once that issue is published",
        ),
        M(
            "anchor_missing",
            "link '{url}' leads to '#{anchor}', which {where} does not have: {hint}",
        ),
        M(
            "anchor_missing_here",
            "link '{url}' leads to '#{anchor}', which this page does not have: {hint}",
        ),
        M("anchor_no_headings", "it has no headings: link it without '#{anchor}'"),
        M("anchor_headings", "its headings are {headings}"),
        # a question file's answers and follow-ups
        M(
            "turn_question_empty",
            "the question is empty: write the question below the front matter, before any answer "
            "marker",
        ),
        M(
            "turn_answer_empty",
            "the answer by '{person}' is empty: write it below its marker, or remove the marker",
        ),
        M(
            "turn_follow_up_empty",
            "the follow-up by '{person}' is empty: write it below its marker, or remove the marker",
        ),
        M(
            "marker_unknown",
            "unknown marker '{word}': write it as <!-- answer: <id> --> or "
            "<!-- follow-up: <id> -->",
        ),
        M(
            "marker_unknown_meant",
            "unknown marker '{word}': did you mean '{meant}'? write it as <!-- answer: <id> --> or "
            "<!-- follow-up: <id> -->",
        ),
        M(
            "marker_nobody",
            "the {word} marker names nobody: write it as <!-- answer: <id> --> or "
            "<!-- follow-up: <id> -->",
        ),
        M(
            "marker_not_id",
            "'{person}' in the {word} marker is not a contributor id: ids use a-z, 0-9 and '-'; "
            "{example}",
        ),
        M("marker_id_example", "e.g. amara-okafor"),
        # rules across files
        M("quoted", "'{value}'"),
        P("listed", "{first}", "{first} and {last}"),
        M("add_file", "add {path}"),
        M(
            "alias_is_id",
            "alias '{alias}' is already the id of {other}: an alias must be an id nobody uses now",
        ),
        M(
            "alias_twice",
            "alias '{alias}' is also claimed by {other}: an old id can mean one person only",
        ),
        M(
            "account_twice",
            "{platform} account '{handle}' in '{key}' is also claimed by {other}: an account "
            "belongs to one person; remove it from one of the two files",
        ),
        M("unknown_contributor", "unknown contributor '{person}' in '{key}': {hint}"),
        M(
            "old_id_listed",
            "'{person}' in '{key}' is an old id of '{current}', who is already listed: keep "
            "'{current}' once",
        ),
        M(
            "responds_to_itself",
            "'responds_to' names this piece itself: name the piece it answers, as <YYYY-MM>/<slug>",
        ),
        M("responds_to_unknown", "'responds_to' names '{target}': {hint}"),
        M("no_such_piece", "no such contribution exists"),
        M(
            "session_date_folder",
            "'date' is {date}, but the folder name says {folder}: make them the same",
        ),
        M(
            "session_issue_unknown",
            "'issue' names '{issue}', which has no content/issues/{issue}/index.md",
        ),
        M(
            "counterpoint_alone",
            "this counterpoint does not say what it answers: add 'responds_to: <YYYY-MM>/<slug>' "
            "so readers can read both sides",
        ),
        M(
            "session_without_answers",
            "this session is answered but none of its questions has an answer: add answers, or "
            "set 'status: collecting'",
        ),
        M(
            "page_takes_site_page",
            "this page would be published at /{address}, the site's own page there, and replace "
            "it: rename the file, e.g. {renamed}",
        ),
        M(
            "page_takes_site_folder",
            "this page would be published at /{address}, the site's own folder there, and "
            "replace it: rename the file, e.g. {renamed}",
        ),
        P(
            "page_keys_of_piece",
            "{keys} belongs to a piece, not to a free page, which credits nobody: they would be "
            "ignored and the people named lose their credit; if this is a piece, move the file "
            "to {folder}",
            "{keys} belong to a piece, not to a free page, which credits nobody: they would be "
            "ignored and the people named lose their credit; if this is a piece, move the file "
            "to {folder}",
        ),
        P(
            "page_keys_of_question",
            "{keys} belongs to a question, not to a free page, which credits nobody: they would "
            "be ignored and the people named lose their credit; if this is a question, move the "
            "file to {folder}",
            "{keys} belong to a question, not to a free page, which credits nobody: they would "
            "be ignored and the people named lose their credit; if this is a question, move the "
            "file to {folder}",
        ),
        P(
            "page_keys_of_session",
            "{keys} belongs to a session, not to a free page, which credits nobody: they would "
            "be ignored and the people named lose their credit; if this is a session, move the "
            "file to {folder}",
            "{keys} belong to a session, not to a free page, which credits nobody: they would "
            "be ignored and the people named lose their credit; if this is a session, move the "
            "file to {folder}",
        ),
        P(
            "page_keys_of_issue",
            "{keys} belongs to an issue, not to a free page, which credits nobody: they would be "
            "ignored and the people named lose their credit; if this is an issue, move the file "
            "to {folder}",
            "{keys} belong to an issue, not to a free page, which credits nobody: they would be "
            "ignored and the people named lose their credit; if this is an issue, move the file "
            "to {folder}",
        ),
        M(
            "issue_number_taken",
            "number {number} is already used by {other}: give this issue the next free number",
        ),
        M(
            "updated_too_early",
            "'updated' is {updated}, before its publication on {published}: give the day of the "
            "last significant change, or remove the line",
        ),
        M(
            "avatar_outside",
            "'avatar' path '{avatar}' leaves content/: give a path inside content/, e.g. "
            "assets/avatars/you.png",
        ),
        M("avatar_missing", "'avatar' file '{avatar}' does not exist: {fix}"),
        M("avatar_case", "did you mean '{meant}'? (the server tells upper and lower case apart)"),
        M("avatar_add", "add it under {folder} or remove the line"),
        M(
            "account_new",
            "'{key}: {handle}' is new in this change: the next AMA import credits this profile "
            "with everything the {platform} account '{handle}' wrote there; a maintainer should "
            "make sure the account is this person's before merging",
        ),
        # an editor's month
        M(
            "piece_empty",
            "this piece has no text yet (only a comment or blank lines): write it below the front "
            "matter, in place of the '<!-- ... -->' comment",
        ),
        M(
            "responds_to_draft",
            "'responds_to' names '{target}', a piece of the draft issue {issue}: readers will not "
            "see what this piece answers until that issue is published; publish it first, or "
            "move this piece into it",
        ),
        M(
            "number_gap",
            "number {number} follows number {before} ({source}), so the archive skips "
            "{skipped}: give this issue number {expected}",
        ),
        M("numbers_from_to", "{first} to {last}"),
        M(
            "piece_move_to_open",
            "move it to content/issues/{issue}/, the issue open for contributions",
        ),
        M("ask_editors_which_issue", "ask the editors which issue it is for"),
        M(
            "piece_in_published",
            "issue {issue} was already published on {date}, so its subscribers will not see this "
            "new piece: {go}",
        ),
        M(
            "question_after_session",
            "this question is dated {asked}, after its session was held on {held}, so it is "
            "listed after the answers given then: give the day it was asked ('date: {held}' at "
            "the latest)",
        ),
        M(
            "draft_past_date",
            "this issue is still a draft, but its date {date} has passed: set 'status: published' "
            "to publish it, or move 'date' to the day it will come out",
        ),
        M(
            "session_still_collecting",
            "this session was held on {date} but still says 'status: collecting', so its page "
            "asks for questions: add the answers and set 'status: answered', or move 'date' (and "
            "the folder) to the day it will be held",
        ),
        M(
            "question_undated",
            "this question has no 'date', so it counts from the session's day, {held}, and is "
            "not shown before it: add 'date: {today}' (the day it was asked) to its front matter",
        ),
        # plurality rules of mkdocs.yml
        M(
            "voice_no_newcomer",
            "nobody in this issue takes part for the first time (require_first_voice is on in "
            "mkdocs.yml): invite a newcomer to write, ask or review",
        ),
        P(
            "voice_dominance",
            "{who} holds {top} of this issue's {count} act ({share}), more than max_voice_share "
            "allows ({limit}): invite more people to write, ask or review, or raise "
            "max_voice_share in mkdocs.yml",
            "{who} holds {top} of this issue's {count} acts ({share}), more than max_voice_share "
            "allows ({limit}): invite more people to write, ask or review, or raise "
            "max_voice_share in mkdocs.yml",
        ),
        P(
            "voice_dominance.vowel",
            "{who} holds {top} of this issue's {count} act ({share}), more than max_voice_share "
            "allows ({limit}): invite more people to write, ask or review, or raise "
            "max_voice_share in mkdocs.yml",
            "{who} holds {top} of this issue's {count} acts ({share}), more than max_voice_share "
            "allows ({limit}): invite more people to write, ask or review, or raise "
            "max_voice_share in mkdocs.yml",
        ),
        M("an_anonymous_member", "an anonymous member"),
        # members' HTML against the allowlist; each reason completes "it ..."
        M("reason_runs_code", "runs code in readers' browsers"),
        M("reason_embeds", "embeds another page or program in the site"),
        M(
            "reason_read_differently",
            "is read differently by browsers and by checkers, so it can hide code",
        ),
        M("reason_collects", "collects what readers type"),
        M("reason_loads", "loads a file from another site for every reader"),
        M(
            "reason_animates",
            "can rewrite another element's attributes, a link into code among them",
        ),
        M("reason_restyles", "restyles the whole site"),
        M("reason_loads_files", "loads outside files into the page"),
        M("reason_changes_loading", "changes how browsers load the page"),
        M("reason_redirects", "redirects every link on the page"),
        M("reason_covers", "can cover the site's page"),
        M(
            "reason_not_listed",
            "is not among the elements members' HTML may use (see 'HTML you may write' in "
            "CONTRIBUTING.md)",
        ),
        M("reason_not_in_drawings", "is not among what drawings need"),
        M("hint_remove_or_fence", "remove it (to show it as code, put it between ``` fences)"),
        M("hint_remove_inline", "remove it ({fix}, or write &lt;{tag}>)"),
        M("fix_backticks", "to show the tag as text, put it in backticks: `{tag}`"),
        M("fix_fences", "to show it as text, put it between ``` fences"),
        M("reason_handler", "event handlers run code in readers' browsers; remove it"),
        M("reason_ping", "it reports every click to another site; remove it"),
        M(
            "reason_outer_transform",
            "it moves and scales the drawing out of its own box, over the page; put the "
            "transform on a <g> inside the <svg>",
        ),
        M("reason_data_attribute", "the site's scripts read data- attributes; remove it"),
        M("reason_attribute_not_listed", "<{tag}> may carry only {listed} (and aria-*); remove it"),
        M("reason_places_over", "can place the element over the site's own page"),
        M("reason_restyles_page", "restyles the site's page"),
        M("html_element_refused", "<{tag}> is not allowed: it {reason}; {hint}"),
        M(
            "html_element_structure",
            "<{tag}> is not allowed: the page already has one, written by the site, and would "
            "take its attributes; remove it",
        ),
        M("html_attribute_refused", "attribute '{name}' on <{tag}> is not allowed: {reason}"),
        M(
            "svg_inline_calls_file",
            "'{call}' loads a file from another site for every reader; use url(#id) of this "
            "drawing, or a colour",
        ),
        M(
            "style_refused",
            "attribute 'style' on <{tag}> is not allowed: '{value}' {reason}; only 'text-align: "
            "left|right|center|justify' is accepted: remove the rest (the site's theme styles "
            "every element)",
        ),
        M(
            "attr_list_style",
            "'style': '{value}' {reason}; only 'text-align: left|right|center|justify' is "
            "accepted: remove the rest (the site's theme styles every element)",
        ),
        M(
            "attr_list_not_listed",
            "'{name}': an attribute list may set only {listed} (and aria-*); remove it",
        ),
        M(
            "class_of_theme",
            "class '{name}': it belongs to the site's theme, whose components can be placed over "
            "the page; remove it",
        ),
        M(
            "class_refused",
            "class '{name}': the site's theme and its scripts act on classes (a 'mermaid' one "
            "loads a program from another site): the classes you may use are the admonition "
            "types (note, tip, warning...), md-button and md-button--primary (see 'HTML you may "
            "write' in CONTRIBUTING.md); remove it",
        ),
        M(
            "id_of_theme",
            "id '{id}': ids starting with '__' belong to the site's theme; choose another",
        ),
        M("hint_remove", "remove it"),
        M("html_unreadable", "the HTML cannot be read ({reason}): simplify it"),
        M("html_too_deep", "the HTML here nests elements too deep to be checked: simplify it"),
        M("html_uncheckable", "the HTML here cannot be checked ({reason}): simplify it"),
        M(
            "svg_animates_handler",
            "<{tag}> animates '{value}': event handlers run code in readers' browsers; remove it",
        ),
        M(
            "svg_reference_outside",
            "<{tag} href> '{url}' is not allowed: it loads a file from another site for every "
            'reader; point it at a part of this file (href="#id") or embed the picture',
        ),
        M(
            "svg_href_outside",
            "<{tag} href> '{url}' is not allowed: it loads a file from another site for every "
            'reader; point it at a part of this file (href="#id")',
        ),
        M(
            "svg_file_calls_file",
            "'{call}' loads a file from another site for every reader; use url(#id) of this file, "
            "or a colour",
        ),
        M(
            "svg_style_calls_file",
            "<style> '{call}' is not allowed: it loads a file from another site for every reader; "
            "use url(#id) of this file, or a colour",
        ),
        M("namespace_html", "HTML, which browsers run inside the drawing"),
        M("namespace_mathml", "MathML, which can hold HTML"),
        M("svg_live_namespace", "<{tag}> is not allowed: it is {what}"),
        M("svg_element_refused", "<{tag}> is not allowed in an SVG file: it {reason}; remove it"),
        M(
            "svg_entity",
            "the entity &{name}; is not allowed: browsers expand it into whatever the DOCTYPE "
            "defines; write the character itself",
        ),
        M(
            "svg_instruction",
            "<?{target} ...?> is not allowed: it makes browsers apply a style sheet or transform "
            "from elsewhere; remove it",
        ),
        M(
            "svg_internal_dtd",
            "the file declares a DOCTYPE with its own definitions ('[...]'), which browsers "
            "expand into markup this check cannot see: remove the DOCTYPE (an SVG file needs none) "
            "and export it again",
        ),
        M(
            "svg_not_svg",
            "the file is not an SVG drawing (its root element is not <svg> in the SVG namespace, "
            'xmlns="http://www.w3.org/2000/svg"): export it again as SVG',
        ),
        M("svg_not_xml", "not well-formed XML ({reason}): export it again"),
        M("attr_list_sets_attribute", "attribute list '{written}' sets '{name}': {reason}"),
        M("attr_list_sets", "attribute list '{written}' sets {fault}"),
        M("admonition_sets", "admonition '{written}' sets {fault}"),
        M("path_absolute", "is absolute: write it relative to this file, e.g. {meant}"),
        M(
            "path_leaves_content",
            "leaves content/: keep images inside content/, e.g. in content/assets/",
        ),
        M("path_link_outside", "is a link that leads outside content/: copy the file in"),
        M(
            "embeds_outside",
            "is on another site, which every reader's browser would then call: copy the file into "
            "content/ (e.g. content/assets/) and point to it with a relative path",
        ),
        M(
            "markup_overload",
            "{marks} '{mark}' characters outside code; the limit is {limit}, as the site's "
            "Markdown renderer slows down sharply on more: put long listings in a fenced code "
            "block",
        ),
        M(
            "markup_dense_paragraph",
            "this paragraph is too long and too dense with Markdown marks (`, *, _, [, <, &...) "
            "for the site's renderer, whose time grows with the square of a paragraph: split it "
            "into shorter paragraphs, or put code and listings in a fenced code block",
        ),
        M(
            "markup_nested",
            "this nests lists, quotes or indented blocks {depth} levels deep; the site's renderer "
            "cannot go past {most}: flatten it",
        ),
        M(
            "markup_markdown_blocks",
            "this holds {blocks} HTML blocks with a markdown attribute, which may nest; the "
            "site's renderer cannot go past {most}: write most of them as plain Markdown",
        ),
        P(
            "link_tracking",
            "{form} '{url}' carries the tracking parameter {names}: remove it, e.g. {clean}",
            "{form} '{url}' carries the tracking parameters {names}: remove them, e.g. {clean}",
        ),
        M(
            "asset_blocked",
            "'{suffix}' files are not accepted in content/: a browser would open one as a page of "
            "this site and run it; write it as Markdown, or link to where it lives",
        ),
        M(
            "asset_markdown",
            "'{suffix}' files are not read as Markdown: the site reads only files ending in "
            "'.md'; rename it {renamed}",
        ),
        M(
            "asset_refused",
            "'{suffix}' files are not accepted in content/: beside Markdown it holds only images "
            "({types}), which are published; write text as Markdown, or remove the file",
        ),
        M(
            "asset_no_suffix",
            "files without an extension are not accepted in content/: beside Markdown it holds "
            "only images ({types}), which are published; write text as Markdown, or remove the "
            "file",
        ),
        M(
            "asset_not_image",
            "file is named as a {type} image but does not hold one (it starts with {start}): "
            "export the picture again as {type}, or remove the file",
        ),
        # HTML that would break the page
        M(
            "img_no_alt",
            '<img src="{src}"> has no alt: say what the image shows, alt="..." (alt="" for a '
            "decoration)",
        ),
        M(
            "img_no_src_no_alt",
            '<img> has no src and no alt: an image needs its file (src="photo.png") and what it '
            'shows in words (alt="..."); {fix}',
        ),
        M(
            "img_no_src",
            '<img> has no src: an image needs its file (src="photo.png") and what it shows in '
            'words (alt="..."); {fix}',
        ),
        M(
            "block_in_sentence",
            "{tag} starts a block in the middle of a sentence, which ends the paragraph there and "
            "breaks the page: {fix}; to use it, start it on a line of its own",
        ),
        M("closes_nothing", "{tag} closes nothing that is open here: remove it, or {fix}"),
        M(
            "never_closed_inline",
            "<{name}> is never closed, so the rest of its paragraph would be part of it: close it "
            "with </{name}>, or {fix}",
        ),
        M(
            "never_closed_block",
            "<{name}> is never closed, so everything after it would be part of it: close it with "
            "</{name}>, or {fix}",
        ),
        M(
            "base_missing",
            "{base} is not in this clone, so pieces this pull request adds to an issue already "
            "published cannot be found: check out with 'fetch-depth: 0' (actions/checkout)",
        ),
        # polyvox new
        M(
            "placeholder_contributor",
            "A few sentences about you: what you do, what brings you here.",
        ),
        M("placeholder_contribution", "Write your piece here, in Markdown."),
        M("placeholder_issue", "The editorial: what this issue holds, and why."),
        M("placeholder_session", "Introduce the guest and say how questions are collected."),
        M(
            "new_optional_keys",
            "Optional keys: remove the '# ' in front of a key to use it, then give it a value.",
        ),
        M("new_next_contributor", "write a few sentences about yourself below the front matter"),
        M("new_next_contribution", "write your piece below the front matter"),
        M(
            "new_next_issue",
            "write the editorial, and set 'status: published' when the issue is ready",
        ),
        M(
            "new_next_session",
            "introduce the guest, and set 'status: answered' once answers are in",
        ),
        M(
            "new_next_question",
            "read your question once more; the guest's answer will be added below it",
        ),
        M(
            "new_next",
            "Next: {step}; preview with 'polyvox serve', run 'polyvox check', then open a pull "
            "request (see CONTRIBUTING.md).",
        ),
        M("new_wrote", "wrote {path}"),
        M("new_nothing_written", "nothing was written."),
        M(
            "new_no_file_name",
            "no file name can be made from that text (it has no Latin letters or digits): give "
            "one with {flag}, e.g. {flag} mei-watanabe",
        ),
        P(
            "new_missing_options",
            "missing {flags}: give it as an option (see 'polyvox new {kind} --help')",
            "missing {flags}: give them as options (see 'polyvox new {kind} --help')",
        ),
        M("new_exists", "already exists: choose another name"),
        M("new_add_contributor_first", "add {path} first (polyvox new contributor)"),
        M("new_no_issue", "issue '{issue}' does not exist: {where}"),
        M("new_unknown_session", "session '{value}' does not exist: {choices}"),
        M("new_unknown_issue", "issue '{value}' does not exist: {choices}"),
        M("new_no_piece", "'responds_to' names '{target}', which does not exist"),
        M("new_existing_ones", "existing ones are {known}; start a new one with '{command}'"),
        M("new_start_one", "start a new one with '{command}'"),
        M("new_open_issue_is", "the issue open for contributions is {issue} (--issue {issue})"),
        M(
            "new_no_open_issue",
            "no issue is open for contributions: ask the editors which issue it is for",
        ),
        M(
            "new_issue_published",
            "issue {issue} is already published, so its subscribers will not see this piece; "
            "{where}",
        ),
        M(
            "new_session_held",
            "session {session} was held on {held}, so this question is dated {held}: dated "
            "today, it would be listed after the answers given that day; change 'date' if it was "
            "asked earlier",
        ),
        # what `polyvox new` asks for in a terminal
        M("prompt_suffix", ": "),  # after a question asked at the terminal ("title: ")
        M("prompt_name", "name"),
        M("prompt_issue", "issue"),
        M("prompt_title", "title"),
        M("prompt_author", "author"),
        M("prompt_kind", "kind"),
        M("prompt_month", "month"),
        M("prompt_editor", "editor"),
        M("prompt_date", "date"),
        M("prompt_guest", "guest"),
        M("prompt_session", "session"),
        M("prompt_asked_by", "asked by"),
        M("prompt_question", "question"),
        # polyvox import: what an export must be
        M("import_what_github", "a GitHub Discussion"),
        M(
            "import_expected_github",
            "the output of 'gh api graphql' with the discussion query in README.md "
            "(data.repository.discussion with title, url, createdAt, author, body and "
            "comments.nodes)",
        ),
        M("import_what_reddit", "a Reddit thread"),
        M(
            "import_expected_reddit",
            "the JSON Reddit gives for a thread's address with '.json' added: an array of two "
            "listings, the post (t3) and its comments (t1)",
        ),
        M("import_what_discord", "a DiscordChatExporter export"),
        M(
            "import_expected_discord",
            "a channel exported by DiscordChatExporter with '--format Json' (guild, channel and "
            "messages[] with id, type, timestamp, content and author)",
        ),
        M(
            "import_not_json",
            "{source}: not JSON ({reason} at line {line}, column {column}): expected {expected}",
        ),
        M(
            "import_json_too_deep",
            "{source}: its JSON nests arrays or objects too deep to read: expected {expected}",
        ),
        M("import_not_shape", "{source}: not {what}: {fault}; expected {expected}"),
        M(
            "import_no_comments",
            "{source}: the thread has no comments, so there is nothing to import: export it "
            "again once questions have been asked",
        ),
        M("import_not_utf8", "{source}: not UTF-8 text ({reason} at byte {at})"),
        M("json_object", "an object"),
        M("json_array", "an array"),
        M("json_number", "a number"),
        M("json_date_time", "a date and time"),
        M("json_top_level", "the top level"),
        M("json_missing", "{where} is missing"),
        M("json_should_be", "{where} should be {expected}, found {found}"),
        M("json_value_fault", "{where} {fault}"),
        M("json_kind", "{where} has kind '{kind}', expected {expected}"),
        M("json_other_fault", "{where}: {fault}, found {found}"),
        P("json_items", "{count} item", "{count} items"),
        M("reddit_two_listings", "should be an array of 2 listings, found {found}"),
        # what polyvox import did
        M("import_done", "imported the {platform} thread {file} into {folder}"),
        M("import_next", "Next: run 'polyvox check', read the files, then open a pull request."),
        M("import_counts", "{questions}, {answers}, {follow_ups}"),
        P("import_questions", "{count} question", "{count} questions"),
        P("import_answers", "{count} answer", "{count} answers"),
        P("import_follow_ups", "{count} follow-up", "{count} follow-ups"),
        P("import_replies", "{count} reply", "{count} replies"),
        P("import_new_people", "{count} new contributor", "{count} new contributors"),
        P(
            "import_matched",
            "{count} person matched to existing profiles",
            "{count} people matched to existing profiles",
        ),
        M("import_listed", "{what} ({ids})"),
        M(
            "import_id_taken",
            "{person}: the id was taken by {owner}; if {owner} is this person, move the '{key}:' "
            "line of content/contributors/{person}.md into content/contributors/{owner}.md, add "
            "{person} to its aliases, and delete {person}.md",
        ),
        M(
            "import_same_name",
            "{person} may be {owner} (the same name): if so, move the '{key}:' line of "
            "content/contributors/{person}.md into content/contributors/{owner}.md, add {person} "
            "to its aliases, and delete {person}.md",
        ),
        M(
            "import_new_claim",
            "check this: {person} is credited as the {platform} account '{handle}', which "
            "content/contributors/{person}.md did not claim on the base branch; make sure the "
            "account is theirs before merging",
        ),
        P(
            "import_anonymous",
            "{count} post by deleted accounts, credited anonymously",
            "{count} posts by deleted accounts, credited anonymously",
        ),
        M(
            "import_not_a_question",
            "not a question (a top-level post by a guest, a bot, or a host that no guest "
            "answered): {post}",
        ),
        M("import_post_start", "{who}: '{start}'"),  # who wrote a post, and how it starts
        M("import_deleted_author", "a deleted account"),
        M(
            "import_removed",
            "{questions} and {replies} removed or minimized on {platform}: left out, their "
            "authors not credited",
        ),
        M("import_deleted", "deleted since the last import, so not written again: {path}"),
        P(
            "import_missing",
            "{count} comment missing from the export, not imported: export the whole thread and "
            "import it again to add them",
            "{count} comments missing from the export, not imported: export the whole thread and "
            "import it again to add them",
        ),
        M("import_files", "{written}, {updated} brought up to date, {unchanged} unchanged"),
        P("import_written", "{count} file written", "{count} files written"),
        M(
            "import_kept",
            "kept as it is (edited since it was imported, or not written by an import): {path}",
        ),
        M("import_bad_issue", "'{issue}' is not YYYY-MM, e.g. 2026-09"),
        M(
            "import_no_issue",
            "issue '{issue}' has no {index}: start it with 'polyvox new issue'",
        ),
        M("import_nothing_written", "{fault}; nothing was written"),
        M(
            "import_no_question",
            "{file}: no question to import: every top-level comment is by a guest, a host or a "
            "bot, was removed, or was deleted here since an earlier import; check the --guest and "
            "--host handles; nothing was written",
        ),
        M("import_would_fail", "the imported files would not pass the check: nothing written"),
        M(
            "import_content_not_utf8",
            "{path} is not UTF-8 text (byte {at}): save it with UTF-8 encoding, then import again "
            "('polyvox check' names it too); nothing was written",
        ),
        M("submit_cut", "{message}; {ask}"),
        # what `polyvox init` says, and the mistakes in its options
        P(
            "init_wrote",
            "wrote {count} file into {folder}. Next:",
            "wrote {count} files into {folder}. Next:",
        ),
        M("init_serve", "the live preview, drafts included, on {address}"),
        M("init_build", "check the content, then build the site into {folder}"),
        M(
            "init_repo_url",
            "once the repository exists, set repo_url in mkdocs.yml to its address: the about "
            "page, credits and the email link to it.",
        ),
        M("init_upgrade_alone", "--upgrade changes no content: leave out {flags}"),
        M(
            "init_example_as_is",
            "--example writes the example community as it is: leave out {flags} (edit its "
            "mkdocs.yml afterwards)",
        ),
        M("init_is_file", "{folder} is a file: give a new or empty folder"),
        M(
            "init_not_empty",
            "{folder} is not empty: polyvox init writes a new community into a new or empty "
            "folder, and never overwrites a file (to update a community it made, run 'polyvox "
            "init --upgrade {folder}')",
        ),
        M("init_bad_url", "expects an address starting with https://, found '{found}'"),
        M(
            "init_bad_repo",
            "expects the repository's address, e.g. https://github.com/<owner>/<name>, found "
            "'{found}'",
        ),
        M(
            "init_bad_language",
            "mkdocs-material has no language '{language}'; choose one of {known}",
        ),
        # what `polyvox init --upgrade` says of each file Polyvox owns
        M(
            "upgrade_no_config",
            "{folder} has no mkdocs.yml: --upgrade updates a community made by polyvox init; "
            "start one with 'polyvox init {folder}'",
        ),
        M("upgrade_same", "{folder} already has the files of Polyvox {version}; checked each."),
        M("upgrade_from", "upgraded {folder} from Polyvox {before} to {version}."),
        M(
            "upgrade_unrecorded",
            "upgraded {folder} (no record of what Polyvox wrote) to {version}.",
        ),
        M("upgrade_updated", "updated"),
        M("upgrade_added", "added"),
        M("upgrade_left_alone", "left alone"),
        M("upgrade_why", "{path}: {why}"),
        M("upgrade_removed", "you removed it; it stays removed"),
        M("upgrade_changed", "you changed it; Polyvox {version}'s version is in {proposed}"),
        M(
            "upgrade_not_ours",
            "it is not as Polyvox wrote it; Polyvox {version}'s version is in {proposed}",
        ),
        M("upgrade_dropped", "Polyvox {version} no longer writes it; remove it if nothing uses it"),
        P(
            "upgrade_current",
            "{count} file was already up to date; mkdocs.yml, content/ and your theme overrides "
            "are yours and were not touched.",
            "{count} files were already up to date; mkdocs.yml, content/ and your theme "
            "overrides are yours and were not touched.",
        ),
        M(
            "upgrade_compare",
            "compare each file left alone with Polyvox's version, e.g. 'diff -u {file} "
            "{proposed}', and carry over what you need (README.md, 'Upgrading Polyvox').",
        ),
        # what `polyvox email` says
        M("send_needs_to", "--send needs at least one --to ADDRESS"),
        M(
            "send_no_unsubscribe",
            "{config_file}: email.list_unsubscribe is not set, so readers would get no way to "
            "unsubscribe: set it to your list's unsubscribe address, or add --no-unsubscribe if "
            "the list server adds its own link; nothing was sent",
        ),
        M(
            "send_no_site_url",
            "{config_file}: site_url is missing: every link of an email must be absolute; add "
            "'site_url: https://...' to mkdocs.yml",
        ),
        M("send_bad_smtp", "expected HOST:PORT, e.g. smtp.example.org:587, found '{found}'"),
        P(
            "send_sent",
            "sent {issue} to {count} recipient via {server}.",
            "sent {issue} to {count} recipients via {server}.",
        ),
        M("send_wrote", "wrote {issue}.html, .txt and .eml to {folder}."),
        M(
            "send_clipped",
            "{issue}.html is {size} bytes even made as compact as it can be; Gmail clips a "
            "message past {limit} bytes",
        ),
        M("send_nothing_written", "no email was written."),
        M("send_content_errors", "content/ has errors: no email was written"),
        M("send_nothing_published", "no issue is published yet: there is nothing to email"),
        M(
            "send_scheduled",
            "issue '{issue}' is scheduled for {day}: readers see it from that day; to write its "
            "email edition now, add --today {day}",
        ),
        M(
            "send_no_such_issue",
            "no published issue '{issue}' (expected YYYY-MM of a published issue: {known})",
        ),
        M("send_none", "none"),
        # what `polyvox export`, `credits`, `forms`, `schema` and `listen` say
        M(
            "export_inside",
            "{target} holds the project itself (its mkdocs.yml or content): export into a new "
            "folder, e.g. 'polyvox export exported'",
        ),
        M("no_feeds_in", "no feeds written: feeds need 'site_url' in {config}"),
        M("no_feeds", "no feeds written: feeds need 'site_url' in mkdocs.yml for their links"),
        P(
            "export_wrote",
            "wrote {count} file to {target}; build it with 'zensical build -f {config}' or "
            "'mkdocs build -f {config}'.",
            "wrote {count} files to {target}; build them with 'zensical build -f {config}' or "
            "'mkdocs build -f {config}'.",
        ),
        M(
            "credits_diff_format",
            "--diff and --format markdown go together: polyvox credits --diff BASE...HEAD "
            "--format markdown",
        ),
        M(
            "credits_no_site_url",
            "{config_file}: site_url is missing: all-contributors needs it to link each person's "
            "profile and avatar; add 'site_url: https://...' to mkdocs.yml",
        ),
        M(
            "credits_no_repo_url",
            "{config_file}: repo_url is missing: all-contributors needs the repository's owner "
            "and name for its links; add 'repo_url: https://github.com/<owner>/<name>' to "
            "mkdocs.yml",
        ),
        M(
            "credits_bad_repo_url",
            "{config_file}: repo_url is '{found}': all-contributors needs the repository's owner "
            "and name for its links; add 'repo_url: https://github.com/<owner>/<name>' to "
            "mkdocs.yml",
        ),
        P(
            "credits_wrote",
            "wrote {count} credit of {people} to {output}.",
            "wrote {count} credits of {people} to {output}.",
        ),
        P("credits_people", "{count} person", "{count} people"),
        M("credits_same", "{folder}/ is the same in both: no comment to make."),
        M(
            "credits_base_errors",
            "{folder}/ has errors at {revision}: what the change adds cannot be told from a base "
            "that does not pass 'polyvox check'",
        ),
        M("forms_left", "left {path} as it is: it was not written by 'polyvox forms'."),
        P(
            "schema_wrote",
            "wrote {count} JSON Schema to {folder}/",
            "wrote {count} JSON Schemas to {folder}/",
        ),
        M("listen_no_such_issue", "no issue '{issue}' in {folder}: give one of {known}"),
        M("listen_none_yet", "none yet"),
        M("listen_no_issue_yet", "{folder} holds no issue yet: start one with 'polyvox new issue'"),
        # what the engines log
        P(
            "preview_rebuilt",
            "rebuilt: {made} made, {count} file written, {seconds} s",
            "rebuilt: {made} made, {count} files written, {seconds} s",
        ),
        M(
            "build_mkdocs_only",
            "--no-directory-urls builds with mkdocs only, not {engine}: drop --engine",
        ),
        M("build_not_installed", "engine '{engine}' is not installed: {install}"),
        M("build_stopped", "the build stopped: {fault}"),
        M("zensical_failed", "Zensical could not build the site"),
    ]
)
