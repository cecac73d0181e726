"""Every string the generator shows, in each shipped language, and dates in that language."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

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
        "question_count": "{count} questions",
        "everyone": "Everyone who took part, in alphabetical order.",
        "anonymous_count": "{count} anonymous members also took part.",
        "links": "Links",
        "first_appearance": "First appearance",
        "acts": "{count} contributions to the community",
        "role_author": "Wrote",
        "role_co-author": "Co-wrote",
        "role_editor": "Edited issues",
        "role_guest": "AMA guest",
        "role_host": "Hosted AMAs",
        "role_asker": "Asked",
        "role_answerer": "Answered",
        "role_follow-up": "Followed up",
        "role_translator": "Translated",
        "role_reviewer": "Reviewed",
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
        "question_count": "{count} questions",
        "everyone": "Toutes les personnes qui ont participé, par ordre alphabétique.",
        "anonymous_count": "{count} membres anonymes ont aussi participé.",
        "links": "Liens",
        "first_appearance": "Première apparition",
        "acts": "{count} contributions à la communauté",
        "role_author": "A écrit",
        "role_co-author": "A coécrit",
        "role_editor": "A édité",
        "role_guest": "Invité·e d’AMA",
        "role_host": "A animé",
        "role_asker": "A demandé",
        "role_answerer": "A répondu",
        "role_follow-up": "A relancé",
        "role_translator": "A traduit",
        "role_reviewer": "A relu",
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

    def date(self, value: date) -> str:
        """A date written out in this language, e.g. '1 September 2026'."""
        return format_date(value, format="long", locale=self.language)

    def month(self, value: date) -> str:
        """A month and year in this language, e.g. 'September 2026'."""
        return format_date(value, format="MMMM y", locale=self.language)
