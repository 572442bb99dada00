"""A document template refused in the officer's words: which template, which part, what is
wrong.

The template's checks find ``sections[0].parts[1].paragraphs[2]: unknown placeholder
{village}``; an officer reads "Mẫu “Kế hoạch …”, mục I, điểm 1, đoạn 3: có một chỗ điền mà
Treem không điền được". The technical place and reason stay on the error (``field`` and
``technical``) for the log and ``--json``. Qt-free.
"""

from __future__ import annotations

from treem_desktop.i18n import N_, _

Spot = tuple[str, str]
"""(the technical place ``sections[0].title``, the officer's words ``mục I, tên mục``)."""

REASONS = {
    "CITATION_UNKNOWN": N_("it cites a document the template's list of cited documents lacks"),
    "PLACEHOLDER_UNKNOWN": N_("it has a blank to fill that Treem cannot fill there"),
    "PLACEHOLDER_MALFORMED": N_("a curly bracket is out of place (to print one, write it twice)"),
    "DUE_INVALID": N_(
        "the deadline must be a day of the year or a number of days after issue (such as +15)"
    ),
    "REPORT_TABLE_UNKNOWN": N_("it inserts a report table this version of Treem does not have"),
    "INSERT_UNKNOWN": N_("it inserts data of a kind this version of Treem does not know"),
    "TASKS_AFTER_UNKNOWN": N_("the tasks are placed after a section the template does not have"),
    "NOT_A_TEMPLATE": N_("the file is not a document template Treem can read"),
    "PART_MISSING": N_("{what} is missing"),
    "WRONG_FORM": N_("{what} is not written in the expected form"),
}
"""What is wrong in a template."""

KEY_WORDS = {
    "id": N_("the identifier"),
    "version": N_("the version number"),
    "label": N_("the name"),
    "type_code": N_("the document type's abbreviation"),
    "kind_text": N_("the document's kind"),
    "summary": N_("the summary line"),
    "sections": N_("the sections"),
    "parts": N_("the points of a section"),
    "number": N_("a number"),
    "title": N_("a title"),
    "recipients": N_("the recipients"),
    "content": N_("a task's content"),
    "lead": N_("a task's lead unit"),
    "vi": N_("the name in Vietnamese"),
}
SOME_PART = N_("a part of the template")
TEXT_WORDS = {
    "opening": N_("the opening"),
    "summary": N_("the summary line"),
    "legal_bases": N_("legal basis {n}"),
    "addressees": N_("addressee {n}"),
    "closing": N_("closing paragraph {n}"),
    "recipients": N_("the recipients, line {n}"),
    "tasks_title": N_("the title of the tasks"),
    "tasks_intro": N_("the introduction of the tasks"),
    "tasks_after": N_("the place of the tasks"),
    "issuer": N_("cited document {n}, its issuing body"),
}
TEXT_PATHS = {
    "tasks_title": "tasks_section.title",
    "tasks_intro": "tasks_section.intro",
    "tasks_after": "tasks_section.after",
    "issuer": "citations",
}
"""Where a text of :data:`TEXT_WORDS` is in the template's JSON, when not under its key."""
TASK_WORDS = {
    "content": N_("task {n}, its content"),
    "lead": N_("task {n}, its lead unit"),
    "partners": N_("task {n}, its partner units"),
    "due": N_("task {n}, its deadline"),
}
THE_TEMPLATE = N_("The template")
NAMED_TEMPLATE = N_("The template “{title}”")


class TemplateProblem(ValueError):
    """A check that failed: ``where`` and ``technical`` for the log and ``--json``;
    ``place`` and ``reason`` are the officer's words."""

    def __init__(self, where: str, technical: str, place: str, reason: str) -> None:
        super().__init__(f"{where}: {technical}")
        self.where = where
        self.technical = technical
        self.place = place
        self.reason = reason


def problem(spot: Spot, code: str, technical: str, **values: object) -> TemplateProblem:
    where, place = spot
    return TemplateProblem(where, technical, place, _(REASONS[code]).format(**values))


def text_spot(key: str, index: int | None = None) -> Spot:
    """``closing[2]`` with ``closing paragraph 3``."""
    path = TEXT_PATHS.get(key, key)
    technical = path if index is None else f"{path}[{index}]"
    n = "" if index is None else index + 1
    return technical, _(TEXT_WORDS[key]).format(n=n)


def task_spot(index: int, name: str) -> Spot:
    return f"tasks[{index}].{name}", _(TASK_WORDS[name]).format(n=index + 1)


def section_words(number: str, appendix: bool = False) -> str:
    """``mục I`` (``Phụ lục II``): the number as printed, without its final dot."""
    words = N_("appendix {number}") if appendix else N_("section {number}")
    return _(words).format(number=number.strip().rstrip(".") or "?")


def part_words(section: str, number: str, index: int) -> str:
    """``mục I, điểm 1`` (by its number, else by its place in the section)."""
    shown = number.strip().rstrip(".)")
    if shown:
        return _("{section}, point {number}").format(section=section, number=shown)
    return _("{section}, part {n}").format(section=section, n=index + 1)


def title_words(place: str) -> str:
    return _("{place}, its title").format(place=place)


def paragraph_words(place: str, index: int) -> str:
    return _("{place}, paragraph {n}").format(place=place, n=index + 1)


def insert_words(place: str) -> str:
    return _("{place}, the data inserted").format(place=place)


def missing_words(key: object) -> str:
    """``thiếu trích yếu`` for a key the template must have."""
    what = _(KEY_WORDS.get(str(key).strip("'\""), SOME_PART))
    return _(REASONS["PART_MISSING"]).format(what=what)


def template_words(title: str | None, place: str | None, reason: str) -> str:
    """``Mẫu “Kế hoạch …”, mục I, điểm 1, đoạn 3: …`` (as far as the template could be read)."""
    name = _(NAMED_TEMPLATE).format(title=title) if title else _(THE_TEMPLATE)
    return f"{name}, {place}: {reason}" if place else f"{name}: {reason}"
