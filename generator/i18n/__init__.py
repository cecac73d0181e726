"""Every string the generator shows, in each shipped language, and dates in that language."""

from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home",
        "issues": "Issues",
        "ama": "AMA",
        "contributors": "Contributors",
        "tags": "Tags",
        "anonymous_member": "Anonymous member",
        "latest_issue": "Latest issue",
        "read_issue": "Read the issue",
        "open_amas": "Open AMA sessions",
        "how_to_ask": "How to ask a question",
        "how_to_ask_text": (
            "Add one file per question to `content/ama/{session}/questions/` with "
            "`asked_by: <your id>` in its front matter and your question below it, "
            "then open a pull request. See the contributing guide for a full example."
        ),
        "newest_voices": "Newest voices",
        "archive": "All issues",
        "issue_number": "Issue {number}",
        "edited_by": "Edited by",
        "by": "By",
        "with_translation_by": "Translated by",
        "reviewed_by": "Reviewed by",
        "tagged": "Tags",
        "ai_none": "Written without AI assistance",
        "ai_assisted": "Written with AI assistance",
        "ai_drafted": "Drafted with AI, edited by its authors",
        "responds_to": "Responds to",
        "answered_by": "Answered by",
        "previous_issue": "Previous issue",
        "next_issue": "Next issue",
        "draft_banner": "Draft: not published yet. Only shown in preview.",
        "scheduled_banner": "Scheduled for {date}: not published yet. Only shown in preview.",
        "kind_article": "Articles",
        "kind_counterpoint": "Counterpoints",
        "kind_story": "Stories",
        "kind_tip": "Tips",
        "kind_showcase": "Showcases",
        "kind_event": "Events",
        "kind_link": "Links",
        "sessions": "Sessions",
        "guests": "Guests",
        "hosts": "Hosts",
        "featured_in": "Featured in",
        "questions": "Questions",
        "unanswered": "Not answered yet",
        "asked_by": "Asked by",
        "answer_by": "Answer by",
        "follow_up_by": "Follow-up by",
        "collecting": "Collecting questions",
        "answered": "Answered",
        "question_count_one": "{count} question",
        "question_count_other": "{count} questions",
        "everyone": "Everyone who took part, in alphabetical order.",
        "anonymous_count_one": "{count} anonymous member also took part.",
        "anonymous_count_other": "{count} anonymous members also took part.",
        "links": "Links",
        "first_appearance": "First appearance",
        "acts_one": "{count} contribution to the community",
        "acts_other": "{count} contributions to the community",
        "role_author": "Author",
        "role_co-author": "Co-author",
        "role_editor": "Issue editor",
        "role_guest": "AMA guest",
        "role_host": "AMA host",
        "role_asker": "Question asker",
        "role_answerer": "Answerer",
        "role_follow-up": "Follow-up asker",
        "role_translator": "Translator",
        "role_reviewer": "Reviewer",
        "first_voice": "First voice",
        "voices_in_issue": "Voices in this issue",
        "people_took_part_one": "{count} person took part in this issue",
        "people_took_part_other": "{count} people took part in this issue",
        "first_voices_count_one": "{count} first voice",
        "first_voices_count_other": "{count} first voices",
        "how_plural": "How plural is each issue?",
        "voices": "Voices",
        "voices_intro": (
            "A community newsletter is only as plural as the people it gives the floor to. "
            "These measures show, issue by issue, how many people took part and how evenly "
            "the floor was shared."
        ),
        "act_definition": (
            "An **act** is one credit: one person in one role on one item of an issue. Writing "
            "or co-writing a piece, editing the issue, translating or reviewing a piece, being "
            "the guest or host of an AMA session the issue features, asking a question there: "
            "each is an act, and so is every answer and every follow-up in its thread. Answering "
            "twice in one thread is two acts; signing a piece under an old id and a new one is "
            "still one."
        ),
        "define_voices": (
            "**Voices**: the people with at least one act in the issue; anonymous members are "
            "counted, never named."
        ),
        "define_first_voices": (
            "**First voices**: the people whose first act in anything published belongs to "
            "the issue."
        ),
        "define_top_share": (
            "**Most present voice**: the share of the issue's acts held by the person with "
            "the most."
        ),
        "define_effective": (
            "**Effective number of voices**: 1 divided by the sum of every person's squared "
            "share of the acts (the inverse Simpson index). It equals the number of voices when "
            "each holds as many acts, and falls towards 1 as one voice takes over."
        ),
        "define_half": (
            "**People for half the acts**: the fewest people who together hold at least half "
            "of the issue's acts."
        ),
        "chart_voices": "Voices per issue, first voices among them",
        "chart_effective": "Effective number of voices, and people for half the acts",
        "chart_share": "Share of the most present voice",
        "col_issue": "Issue",
        "col_acts": "Acts",
        "col_voices": "Voices",
        "col_returning": "Returning voices",
        "col_first": "First voices",
        "col_effective": "Effective number of voices",
        "col_half": "People for half the acts",
        "col_share": "Most present voice",
        "tag_title": "Tagged “{tag}”",
        "all_tags": "All tags",
        "no_issues": "No issue has been published yet.",
        "feed_newsletter": "Every issue of {site}, in full.",
        "feed_ama_title": "{site}: AMA sessions",
        "feed_ama": "Every AMA session of {site}, with its questions and answers.",
        "feed_person_title": "{site}: {name}",
        "feed_person": "Everything {name} wrote, asked, answered or edited in {site}.",
        "feed_tag_title": "{site}: {tag}",
        "feed_tag": "Contributions to {site} tagged “{tag}”.",
        "item_answer": "Answer: {title}",
        "item_follow-up": "Follow-up: {title}",
        "subscribe": "Subscribe",
        "subscribe_person": "Follow {name}",
        "email_subject": "{site}: {title}",
        "email_heading": "Issue {number}: {title}",
        "email_read_online": "Read this issue on the site",
        "email_read_piece": "Read it in full on the site",
        "email_shortened_one": (
            "{count} long piece is shown by its summary, to keep this email whole: "
            "read it in full on the site."
        ),
        "email_shortened_other": (
            "{count} long pieces are shown by their summary, to keep this email whole: "
            "read them in full on the site."
        ),
        "email_ama": "This issue’s AMA",
        "email_first_voices": "Welcome to our first voices",
        "email_first_voices_text_one": "{names} took part for the first time in this issue.",
        "email_first_voices_text_other": "{names} took part for the first time in this issue.",
        "email_feeds": "Follow every issue by feed:",
        "email_contribute": (
            "Every piece is written by a member: to write for the next issue, add a Markdown "
            "file by pull request."
        ),
        "email_unsubscribe": "Unsubscribe",
    },
    "fr": {
        "home": "Accueil",
        "issues": "Numéros",
        "ama": "AMA",
        "contributors": "Contributeurs",
        "tags": "Étiquettes",
        "anonymous_member": "Membre anonyme",
        "latest_issue": "Dernier numéro",
        "read_issue": "Lire le numéro",
        "open_amas": "Sessions AMA ouvertes",
        "how_to_ask": "Comment poser une question",
        "how_to_ask_text": (
            "Ajoutez un fichier par question dans `content/ama/{session}/questions/` avec "
            "`asked_by: <votre id>` dans son en-tête et votre question en dessous, "
            "puis ouvrez une pull request. Le guide de contribution donne un exemple complet."
        ),
        "newest_voices": "Nouvelles voix",
        "archive": "Tous les numéros",
        "issue_number": "Numéro {number}",
        "edited_by": "Édité par",
        "by": "Par",
        "with_translation_by": "Traduit par",
        "reviewed_by": "Relu par",
        "tagged": "Étiquettes",
        "ai_none": "Écrit sans assistance d’IA",
        "ai_assisted": "Écrit avec l’assistance d’une IA",
        "ai_drafted": "Ébauché par une IA, retravaillé par ses auteurs",
        "responds_to": "Répond à",
        "answered_by": "Réponses",
        "previous_issue": "Numéro précédent",
        "next_issue": "Numéro suivant",
        "draft_banner": "Brouillon : pas encore publié. Visible seulement en aperçu.",
        "scheduled_banner": "Prévu le {date} : pas encore publié. Visible seulement en aperçu.",
        "kind_article": "Articles",
        "kind_counterpoint": "Contrepoints",
        "kind_story": "Récits",
        "kind_tip": "Astuces",
        "kind_showcase": "Réalisations",
        "kind_event": "Événements",
        "kind_link": "Liens",
        "sessions": "Sessions",
        "guests": "Invités",
        "hosts": "Animation",
        "featured_in": "Présenté dans",
        "questions": "Questions",
        "unanswered": "Pas encore de réponse",
        "asked_by": "Question de",
        "answer_by": "Réponse de",
        "follow_up_by": "Relance de",
        "collecting": "Questions ouvertes",
        "answered": "Répondu",
        "question_count_one": "{count} question",
        "question_count_other": "{count} questions",
        "everyone": "Toutes les personnes qui ont participé, par ordre alphabétique.",
        "anonymous_count_one": "{count} membre anonyme a aussi participé.",
        "anonymous_count_other": "{count} membres anonymes ont aussi participé.",
        "links": "Liens",
        "first_appearance": "Première apparition",
        "acts_one": "{count} contribution à la communauté",
        "acts_other": "{count} contributions à la communauté",
        "role_author": "Écriture",
        "role_co-author": "Co-écriture",
        "role_editor": "Édition du numéro",
        "role_guest": "Invité·e d’AMA",
        "role_host": "Animation d’AMA",
        "role_asker": "Question",
        "role_answerer": "Réponse",
        "role_follow-up": "Relance",
        "role_translator": "Traduction",
        "role_reviewer": "Relecture",
        "first_voice": "Première voix",
        "voices_in_issue": "Les voix de ce numéro",
        "people_took_part_one": "{count} personne a participé à ce numéro",
        "people_took_part_other": "{count} personnes ont participé à ce numéro",
        "first_voices_count_one": "{count} première voix",
        "first_voices_count_other": "{count} premières voix",
        "how_plural": "Quelle pluralité dans chaque numéro ?",
        "voices": "Voix",
        "voices_intro": (
            "Une lettre communautaire n’est plurielle que si elle donne la parole à beaucoup de "
            "monde. Ces mesures montrent, numéro par numéro, combien de personnes ont participé "
            "et comment la parole s’est partagée."
        ),
        "act_definition": (
            "Un **acte** est un crédit : une personne, dans un rôle, sur un élément d’un numéro. "
            "Écrire ou coécrire un texte, éditer le numéro, traduire ou relire un texte, être "
            "invité·e ou animer une session AMA présentée dans le numéro, y poser une question : "
            "chacun est un acte, comme chaque réponse et chaque relance du fil. Répondre deux "
            "fois dans un fil fait deux actes ; signer un texte sous un ancien et un nouvel "
            "identifiant n’en fait qu’un."
        ),
        "define_voices": (
            "**Voix** : les personnes qui ont au moins un acte dans le numéro ; les membres "
            "anonymes sont comptés, jamais nommés."
        ),
        "define_first_voices": (
            "**Premières voix** : les personnes dont le premier acte dans tout ce qui est publié "
            "appartient au numéro."
        ),
        "define_top_share": (
            "**Voix la plus présente** : la part des actes du numéro détenue par la personne "
            "qui en a le plus."
        ),
        "define_effective": (
            "**Nombre effectif de voix** : 1 divisé par la somme des carrés des parts d’actes "
            "de chaque personne (l’inverse de l’indice de Simpson). Il vaut le nombre de voix "
            "quand chacune a autant d’actes, et tend vers 1 quand une voix domine."
        ),
        "define_half": (
            "**Personnes pour la moitié des actes** : le plus petit nombre de personnes qui "
            "détiennent ensemble au moins la moitié des actes du numéro."
        ),
        "chart_voices": "Voix par numéro, dont premières voix",
        "chart_effective": "Nombre effectif de voix, et personnes pour la moitié des actes",
        "chart_share": "Part de la voix la plus présente",
        "col_issue": "Numéro",
        "col_acts": "Actes",
        "col_voices": "Voix",
        "col_returning": "Voix déjà entendues",
        "col_first": "Premières voix",
        "col_effective": "Nombre effectif de voix",
        "col_half": "Personnes pour la moitié des actes",
        "col_share": "Voix la plus présente",
        "tag_title": "Étiquette « {tag} »",
        "all_tags": "Toutes les étiquettes",
        "no_issues": "Aucun numéro publié pour l’instant.",
        "feed_newsletter": "Tous les numéros de {site}, en entier.",
        "feed_ama_title": "{site} : sessions AMA",
        "feed_ama": "Toutes les sessions AMA de {site}, avec leurs questions et réponses.",
        "feed_person_title": "{site} : {name}",
        "feed_person": "Tout ce que {name} a écrit, demandé, répondu ou édité dans {site}.",
        "feed_tag_title": "{site} : {tag}",
        "feed_tag": "Contributions à {site} étiquetées « {tag} ».",
        "item_answer": "Réponse : {title}",
        "item_follow-up": "Relance : {title}",
        "subscribe": "S’abonner",
        "subscribe_person": "Suivre {name}",
        "email_subject": "{site} : {title}",
        "email_heading": "Numéro {number} : {title}",
        "email_read_online": "Lire ce numéro sur le site",
        "email_read_piece": "Le lire en entier sur le site",
        "email_shortened_one": (
            "{count} texte long est présenté par son résumé, pour que ce courriel reste "
            "entier : lisez-le en entier sur le site."
        ),
        "email_shortened_other": (
            "{count} textes longs sont présentés par leur résumé, pour que ce courriel reste "
            "entier : lisez-les en entier sur le site."
        ),
        "email_ama": "L’AMA de ce numéro",
        "email_first_voices": "Bienvenue à nos premières voix",
        "email_first_voices_text_one": "{names} participe pour la première fois à ce numéro.",
        "email_first_voices_text_other": ("{names} participent pour la première fois à ce numéro."),
        "email_feeds": "Suivez chaque numéro par flux :",
        "email_contribute": (
            "Chaque texte est écrit par un membre : pour écrire dans le prochain numéro, "
            "ajoutez un fichier Markdown par pull request."
        ),
        "email_unsubscribe": "Se désabonner",
    },
}
LANGUAGES = tuple(STRINGS)


class Translator:
    """Looks up the strings and formats dates of one language."""

    def __init__(self, language: str):
        self.language = language if language in STRINGS else "en"
        self.strings = STRINGS[self.language]

    def __call__(self, key: str, **values: object) -> str:
        """The string for key in this language, with values filled in."""
        text = self.strings[key]
        return text.format(**values) if values else text

    def plural(self, key: str, count: int, **values: object) -> str:
        """The `key_one` or `key_other` string the language's plural rule picks for count."""
        form = Locale.parse(self.language).plural_form(count)
        chosen = f"{key}_{form}" if f"{key}_{form}" in self.strings else f"{key}_other"
        return self(chosen, count=count, **values)

    def number(self, value: float) -> str:
        """A number with at most one decimal, written the language's way, e.g. '2.4'."""
        return format_decimal(value, format="0.#", locale=self.language)

    def percent(self, share: float) -> str:
        """A share from 0 to 1 as a whole percentage in this language, e.g. '38%'."""
        return format_percent(share, locale=self.language)

    def date(self, value: date) -> str:
        """A date written out in this language, e.g. '1 September 2026'."""
        return format_date(value, format="long", locale=self.language)

    def month(self, value: date) -> str:
        """A month and year in this language, e.g. 'September 2026'."""
        return format_date(value, format="MMMM y", locale=self.language)
