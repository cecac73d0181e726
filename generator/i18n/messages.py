"""Every string Polyvox shows, in English, the source language of the gettext catalogs.

Each message is keyed by the name templates and modules pass to `Translator` (`t("home")`);
the key is the message's gettext context (msgctxt), so translators' tools show it beside the
English text and two keys with the same English can be translated apart. A key may have
variants for what its last field introduces (`Translator.before`): `<key>.vowel` before a
word that starts with a vowel (French elides: "Question d'Élise", not "de Élise"), and
`<key>.colon` before a text that has a colon of its own (no "Issue 1: First: ...").
Babel extracts this table through the `M` and `P` markers (`make messages`); the catalogs are
in locale/. The messages of the command line (check's problems, `new`, `import`) are in
cli_messages.py.
"""

from __future__ import annotations

from polyvox.i18n.cli_messages import CLI_MESSAGES
from polyvox.i18n.markers import KEYWORDS, M, Message, P

__all__ = ["KEYWORDS", "MESSAGES", "Message"]

MESSAGES: dict[str, Message] = dict(
    [
        M("home", "Home"),
        M("issues", "Issues"),
        M("ama", "AMA"),
        M("contributors", "Contributors"),
        M("tags", "Tags"),
        M("anonymous_member", "Anonymous member"),
        M("latest_issue", "Latest issue"),
        M("open_issue", "Open for contributions"),
        M("preview_errors", "The preview is waiting: the content has errors"),
        M(
            "preview_errors_text",
            "Fix each problem below and save: the preview builds again and this page reloads "
            "by itself.",
        ),
        M(
            "open_issue_text",
            "Issue {number}, “{title}”, is being written now: add your piece to "
            "`content/issues/{issue}/` (`polyvox new contribution` puts it there).",
        ),
        M("open_issue_home", "Issue {number}, “{title}”, is being written now."),
        M("how_to_write", "How to add your piece"),
        M("contribute", "Take part"),
        M(
            "contribute_intro",
            "Everything on this site is written by members of the community. Each piece, "
            "question and answer is a Markdown file added to the community's repository by pull "
            "request; its contributing guide walks you through your first one.",
        ),
        M("write_for_issue", "Write for issue {number}"),
        M("ask_in_session", "Ask a question: {title}"),
        M("questions_until", "Questions are collected until {date}."),
        M("how_to_ask_link", "How to add yours"),
        M("nothing_open", "No issue or AMA session is open for contributions right now."),
        M("read_issue", "Read the issue"),
        M("open_amas", "Open AMA sessions"),
        M("how_to_ask", "How to ask a question"),
        M(
            "how_to_ask_text",
            "Add one file per question to `content/ama/{session}/questions/` with "
            "`asked_by: <your id>` in its front matter and your question below it, "
            "then open a pull request. See the contributing guide for a full example.",
        ),
        M("newest_voices", "Newest voices"),
        M("archive", "All issues"),
        M("issue_number", "Issue {number}"),
        M("issue_title", "Issue {number}: {title}"),
        M("issue_title.colon", "Issue {number} — {title}"),
        M("label", "{label}:"),
        M("label.colon", "{label} —"),
        M("edited_by", "Edited by {names}"),
        M("edited_by.vowel", "Edited by {names}"),
        M("by", "By {names}"),
        M("by.vowel", "By {names}"),
        M("with_translation_by", "Translated by {names}"),
        M("with_translation_by.vowel", "Translated by {names}"),
        M("reviewed_by", "Reviewed by {names}"),
        M("reviewed_by.vowel", "Reviewed by {names}"),
        P("tagged", "Tag: {tags}", "Tags: {tags}"),
        M("ai_none", "Written without AI assistance"),
        M("ai_assisted", "Written with AI assistance"),
        M("ai_drafted", "Drafted with AI, edited by its authors"),
        M("responds_to", "Responds to {piece}"),
        P("answered_by", "Answered by: {pieces}", "Answered by: {pieces}"),
        M("previous_issue", "Previous issue"),
        M("next_issue", "Next issue"),
        M("draft_banner", "Draft: not published yet. Only shown in preview."),
        M("scheduled_banner", "Scheduled for {date}: not published yet. Only shown in preview."),
        M("kind_article", "Articles"),
        M("kind_counterpoint", "Counterpoints"),
        M("kind_story", "Stories"),
        M("kind_tip", "Tips"),
        M("kind_showcase", "Showcases"),
        M("kind_event", "Events"),
        M("kind_link", "Links"),
        M("sessions", "Sessions"),
        P("guests", "Guest: {names}", "Guests: {names}"),
        P("hosts", "Host: {names}", "Hosts: {names}"),
        M("featured_in", "Featured in"),
        M("questions", "Questions"),
        M("unanswered", "Not answered yet"),
        M("asked_by", "Asked by {names}"),
        M("asked_by.vowel", "Asked by {names}"),
        M("answer_by", "Answer by {names}"),
        M("answer_by.vowel", "Answer by {names}"),
        M("follow_up_by", "Follow-up by {names}"),
        M("follow_up_by.vowel", "Follow-up by {names}"),
        M("collecting", "Collecting questions"),
        M("answered", "Answered"),
        M("held", "Held, answers to come"),
        P("question_count", "{count} question", "{count} questions"),
        P("answer_count", "{count} answer", "{count} answers"),
        M("issue_ama", "The AMA in this issue"),
        M("everyone", "Everyone who took part, in alphabetical order."),
        P(
            "anonymous_count",
            "{count} anonymous member also took part.",
            "{count} anonymous members also took part.",
        ),
        M("links", "Links"),
        M("first_appearance", "First appearance"),
        P(
            "acts",
            "{count} contribution to the community",
            "{count} contributions to the community",
        ),
        M("role_author", "Author"),
        M("role_co-author", "Co-author"),
        M("role_editor", "Issue editor"),
        M("role_guest", "AMA guest"),
        M("role_host", "AMA host"),
        M("role_asker", "Question asker"),
        M("role_answerer", "Answerer"),
        M("role_follow-up", "Follow-up asker"),
        M("role_translator", "Translator"),
        M("role_reviewer", "Reviewer"),
        M("first_voice", "First voice"),
        M("voices_in_issue", "Voices in this issue"),
        P(
            "people_took_part",
            "{count} person took part in this issue",
            "{count} people took part in this issue",
        ),
        P("first_voices_count", "{count} first voice", "{count} first voices"),
        M("how_plural", "How plural is each issue?"),
        M("voices", "Voices"),
        M(
            "voices_intro",
            "A community newsletter is only as plural as the people it gives the floor to. "
            "These measures show, issue by issue, how many people took part and how evenly "
            "the floor was shared.",
        ),
        M(
            "act_definition",
            "An **act** is one credit: one person in one role on one item of an issue. Writing "
            "or co-writing a piece, editing the issue, translating or reviewing a piece, being "
            "the guest or host of an AMA session the issue features, asking a question there: "
            "each is an act, and so is every answer and every follow-up in its thread. Answering "
            "twice in one thread is two acts; signing a piece under an old id and a new one is "
            "still one.",
        ),
        M(
            "define_voices",
            "**Voices**: the people with at least one act in the issue; anonymous members are "
            "counted, never named.",
        ),
        M(
            "define_first_voices",
            "**First voices**: the people whose first act in anything published belongs to "
            "the issue.",
        ),
        M(
            "define_top_share",
            "**Most present voice**: the share of the issue's acts held by the person with "
            "the most.",
        ),
        M(
            "define_effective",
            "**Effective number of voices**: 1 divided by the sum of every person's squared "
            "share of the acts (the inverse Simpson index). It equals the number of voices when "
            "each holds as many acts, and falls towards 1 as one voice takes over.",
        ),
        M(
            "define_half",
            "**People for half the acts**: the fewest people who together hold at least half "
            "of the issue's acts.",
        ),
        M("chart_voices", "Voices per issue, first voices among them"),
        M("chart_effective", "Effective number of voices, and people for half the acts"),
        M("chart_share", "Share of the most present voice"),
        M("col_issue", "Issue"),
        M("col_acts", "Acts"),
        M("col_voices", "Voices"),
        M("col_returning", "Returning voices"),
        M("col_first", "First voices"),
        M("col_effective", "Effective number of voices"),
        M("col_half", "People for half the acts"),
        M("col_share", "Most present voice"),
        M("tag_title", "Tagged “{tag}”"),
        M("all_tags", "All tags"),
        M("no_issues", "No issue has been published yet."),
        M("feed_newsletter", "Every issue of {site}, in full."),
        M("feed_ama_title", "{site}: AMA sessions"),
        M("feed_ama", "Every AMA session of {site}, with its questions and answers."),
        M("feed_person_title", "{site}: {name}"),
        M("feed_person", "Everything {name} wrote, asked, answered or edited in {site}."),
        M("feed_tag_title", "{site}: {tag}"),
        M("feed_tag", "Contributions to {site} tagged “{tag}”."),
        M("item_answer", "Answer: {title}"),
        M("item_follow-up", "Follow-up: {title}"),
        M("subscribe", "Subscribe"),
        M("subscribe_person", "Follow {name}"),
        M("email_subject", "{site}: {title}"),
        M("email_subject.colon", "{site} — {title}"),
        M("email_heading", "Issue {number}: {title}"),
        M("email_heading.colon", "Issue {number} — {title}"),
        M("email_read_online", "Read this issue on the site"),
        M("email_read_piece", "Read it in full on the site"),
        P(
            "email_listed",
            "{count} piece is listed by its title and byline, to keep this email whole: read it "
            "on the site.",
            "{count} pieces are listed by their title and byline, to keep this email whole: read "
            "them on the site.",
        ),
        P(
            "email_shortened",
            "{count} long piece is shown by its summary, to keep this email whole: "
            "read it in full on the site.",
            "{count} long pieces are shown by their summary, to keep this email whole: "
            "read them in full on the site.",
        ),
        M("email_ama", "This issue’s AMA"),
        M("email_first_voices", "Welcome to our first voices"),
        P(
            "email_first_voices_text",
            "{names} took part for the first time in this issue.",
            "{names} took part for the first time in this issue.",
        ),
        M("email_feeds", "Follow every issue by feed:"),
        M(
            "email_contribute",
            "Every piece is written by a member: to write for the next issue, add a Markdown "
            "file by pull request.",
        ),
        M("email_unsubscribe", "Unsubscribe"),
        M("made_with", "Made with {tool}"),
        M("permalink", "Permanent link"),
        M("not_found", "Page not found"),
        M("imported_from", "Imported from [the original thread on {platform}]({url})."),
        M(
            "import_no_text",
            "*No text in the original thread (a sticker, an embed or a file the export left out).*",
        ),
        M(
            "define_top_three",
            "**Top three voices**: the share of the issue's acts held by its three most "
            "present people together.",
        ),
        M("col_top_three", "Top three voices"),
        M("listen_title", "Listening report: issue {number}, “{title}”"),
        M("listen_as_of", "As of {date}. For editors: this report is not published on the site."),
        M("listen_nobody", "Nobody."),
        M("listen_no_question", "No question is waiting."),
        M("listen_first_voices", "First voices"),
        M(
            "listen_first_text",
            "People whose first act anywhere belongs to this issue, or is dated in the last "
            "three months.",
        ),
        M("listen_first_in_issue", "In this issue"),
        M("listen_first_recent", "Since {date}"),
        M("listen_quiet", "Voices gone quiet"),
        M(
            "listen_quiet_text",
            "People with an act in at least three of the six issues before the last three, and "
            "in none of the last three ({issues}).",
        ),
        M("listen_quiet_row", "took part in {issues}; last act on {date}"),
        M("listen_waiting", "Newcomers’ questions still waiting for an answer"),
        M(
            "listen_waiting_text",
            "Questions without an answer, in sessions already held, asked on the day their asker "
            "first took part; oldest first.",
        ),
        M("listen_only_asked", "People who only ever asked"),
        M(
            "listen_only_asked_text",
            "People whose every act is a question or a follow-up: they have written nothing and "
            "answered no one.",
        ),
        M("listen_never_answered", "Never answered"),
        M(
            "listen_never_answered_text",
            "People who asked in sessions already held and never had an answer.",
        ),
        M("listen_share", "Share of the top three voices"),
        M(
            "listen_share_text",
            "The share of each issue’s acts held by its three most present people, over the last "
            "six issues.",
        ),
        M("listen_share_moved", "From {first} in issue {start} to {last} in issue {end}."),
        M("col_person", "Person"),
        M("col_asked_on", "Asked on"),
        M("col_question", "Question"),
        M("col_session", "Session"),
        M("col_waiting", "Waiting for"),
        M("col_answered", "Answered"),
        P("waiting_days", "{count} day", "{count} days"),
        M("pr_credits_title", "What this pull request adds to the credits"),
        M(
            "pr_credits_blocked",
            "The check found errors, so nothing can be credited yet: once they are fixed, this "
            "comment shows what the site will credit each person for.",
        ),
        M("pr_credits_none", "This pull request credits nobody for anything new."),
        M("pr_new_profile", "New profile page: {profile}"),
        M("pr_check_title", "The check"),
        P(
            "pr_more_problems",
            "… and {count} more problem: the check’s annotations on the files name each one.",
            "… and {count} more problems: the check’s annotations on the files name each one.",
        ),
        M("pr_preview", "The site as it will be: the site-preview artifact of this workflow run"),
        M("welcome_author", "Welcome, {name}: this is your first piece in {site}."),
        M("welcome_co-author", "Welcome, {name}: this is your first piece in {site}."),
        M("welcome_editor", "Welcome, {name}: this is the first issue of {site} you edit."),
        M("welcome_guest", "Welcome, {name}: this is your first AMA in {site}, as its guest."),
        M("welcome_host", "Welcome, {name}: this is your first AMA in {site}, as its host."),
        M("welcome_asker", "Welcome, {name}: this is your first question in {site}."),
        M("welcome_answerer", "Welcome, {name}: this is your first answer in {site}."),
        M("welcome_follow-up", "Welcome, {name}: this is your first follow-up question in {site}."),
        M("welcome_translator", "Welcome, {name}: this is your first translation in {site}."),
        M("welcome_reviewer", "Welcome, {name}: this is your first review in {site}."),
        M(
            "form_intro",
            "Everything you write here is published on {site} once an editor accepts it, under "
            "your name: your GitHub account is credited, and a profile is made for you if you "
            "have none. Write in Markdown; as in every file of the site, HTML that runs or "
            "embeds anything is refused. To change anything later, edit the issue: the pull "
            "request follows.",
        ),
        M("form_piece_name", "Propose a piece"),
        M(
            "form_piece_about",
            "Write for the next issue of {site} without git: the editors receive your piece as "
            "a pull request with your name on it.",
        ),
        M("form_piece_label", "piece"),
        M("form_question_name", "Ask a question"),
        M(
            "form_question_about",
            "Ask the guest of an AMA session of {site} that is collecting questions.",
        ),
        M("form_question_label", "question"),
        M("form_profile_name", "Add or update my profile"),
        M(
            "form_profile_about",
            "How {site} names you on every credit: your name, pronouns, links and a few words "
            "about you.",
        ),
        M("form_profile_label", "profile"),
        M("form_profile_keep", "A field you leave empty keeps what your profile says now."),
        M("field_title", "Title"),
        M("field_title_about", "The title of your piece, as readers will see it."),
        M("field_kind", "Kind"),
        M("field_kind_about", "What sort of piece it is: an issue lists its pieces by kind."),
        M("form_kind_article", "Article: an essay, a report, an argument"),
        M("form_kind_counterpoint", "Counterpoint: a reply to another piece"),
        M("form_kind_story", "Story: something that happened"),
        M("form_kind_tip", "Tip: something worth knowing or doing"),
        M("form_kind_showcase", "Showcase: something a member made"),
        M("form_kind_event", "Event: a date to keep"),
        M("form_kind_link", "Links: a few links worth reading"),
        M("field_text", "Your piece"),
        M(
            "field_text_about",
            "In Markdown. Pictures from other sites cannot be shown: describe them, or ask the "
            "editors in the pull request.",
        ),
        M("field_summary", "Summary"),
        M("field_summary_about", "One sentence shown in lists and feeds (optional)."),
        M("field_tags", "Tags"),
        M(
            "field_tags_about",
            "Words readers can follow, separated by commas, e.g. memory, open source (optional).",
        ),
        M("field_co_authors", "Co-authors"),
        M(
            "field_co_authors_about",
            "Who wrote it with you, separated by commas: their id on the site (the end of their "
            "profile's address) or their GitHub user name, e.g. `@noa`; each needs a profile "
            "already (optional).",
        ),
        M("field_ai", "AI assistance"),
        M("field_ai_about", "How much an AI tool took part; readers see it with your piece."),
        M("field_session", "Session"),
        M("field_session_about", "The AMA session you ask in: those collecting questions now."),
        M(
            "field_session_none",
            "No session is collecting questions right now: the home page announces the next one.",
        ),
        M("field_question", "Your question"),
        M("field_question_about", "Its first sentence becomes its heading on the session's page."),
        M("field_name", "Name"),
        M("field_name_about", "The name shown on every credit."),
        M("field_pronouns", "Pronouns"),
        M("field_pronouns_about", "Shown next to your name on your profile (optional)."),
        M("field_links", "Links"),
        M(
            "field_links_about",
            "One per line, a label and an address, e.g. `Website: https://example.org` (optional).",
        ),
        M("field_fediverse", "Fediverse account"),
        M(
            "field_fediverse_about",
            "`@name@server`, e.g. `@noa@social.example`: a link to a page you alone wrote, "
            "shared on Mastodon, names you as its author (optional).",
        ),
        M("field_bio", "About you"),
        M("field_bio_about", "A few sentences, in Markdown (optional)."),
        M(
            "submit_problems",
            "Thank you, {name}. Before this can go to the editors, something needs to change: "
            "edit this issue (each heading is a field of the form) and it is checked again.",
        ),
        M(
            "submit_thanks",
            "Thank you, {name}! {what} is ready for the editors: the pull request credits you "
            "and closes this issue once it is merged. To change anything, edit this issue: the "
            "pull request follows.",
        ),
        M("submit_what_piece", "Your piece “{title}”"),
        M("submit_what_question", "Your question"),
        M("submit_what_profile", "Your profile"),
        M("submit_warnings", "The check also noticed this (it does not stop anything):"),
        M(
            "submit_kept",
            "Thank you, {name}. An editor has already changed the pull request for this issue, "
            "so your edit was not copied into it: say in the pull request what you changed.",
        ),
        M("submit_required", "this field is required: write something in it"),
        M(
            "submit_missing_heading",
            "this field's heading is missing from the issue: put it back as a line of its own, "
            "starting with ###",
        ),
        M(
            "submit_unknown_co_author",
            "“{who}” is not a member of {site} yet: give the id at the end of their profile's "
            "address, or their GitHub user name; someone new first adds a profile (form "
            "“{form}”)",
        ),
        M("submit_not_a_choice", "“{answer}” is not one of the choices: {choices}"),
        M(
            "submit_no_open_issue",
            "no issue of {site} is open for contributions right now: keep this issue open, and "
            "edit it once the editors open the next one (they can tell you when)",
        ),
        M(
            "submit_session_closed",
            "“{session}” is not collecting questions: choose one of {sessions}",
        ),
        M(
            "submit_no_session",
            "no session is collecting questions right now: the home page announces the next one",
        ),
        M(
            "submit_marker",
            "the line “{line}” is how answers are marked on the session's page: remove it; the "
            "guest answers below your question",
        ),
        M(
            "submit_link_line",
            "“{line}” is not a label and an address: write it like `Website: https://example.org`",
        ),
        M(
            "submit_site_broken",
            "the site's own files have errors right now, so nothing can be added: the editors "
            "see them too; edit this issue once they are fixed, and it is checked again",
        ),
        M("submit_in_line", "in the line “{line}”: {message}"),
        M("submit_cannot_publish", "this cannot be published as it is written"),
        M("submit_ask_editors", "the editors can help in the pull request"),
        M("pr_title_piece", "Piece: {title}"),
        M("pr_title_question", "Question: {title}"),
        M("pr_title_profile", "Profile: {name}"),
        M(
            "pr_body",
            "{name} sent this with the form “{form}” (issue #{issue}): every word is theirs; "
            "Polyvox only placed it in the right file, and checked it as `polyvox check` does.",
        ),
    ]
)
MESSAGES.update(CLI_MESSAGES)
