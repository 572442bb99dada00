"""After the province's standard pack is imported (Settings), every page already open shows
what it changed without a restart: the documents page's templates, the evaluation's points
and "provisional" marks, the indicators' and report tables' targets, the home page's score.
Pages not opened yet read the new data when they are built."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from treem_desktop.ui.main_window import MainWindow

# The window's attribute for each page, and the page's method that reads the data again.
PAGE_RELOADS = (
    ("documents_page", "reload_templates"),
    ("evaluation_page", "reload_standard"),
    ("indicators_page", "rebuild"),
    ("tables_page", "rebuild"),
)


def refresh_after_pack(window: MainWindow) -> None:
    """Read again what a standard pack changes, on every page of ``window`` built so far."""
    for attribute, method in PAGE_RELOADS:
        page = getattr(window, attribute, None)
        if page is not None:
            getattr(page, method)()
    window.show_evaluation_summary()
