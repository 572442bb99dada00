"""Qt's own words in the officer's language (issue 12, item 11).

Context menus of text boxes, standard buttons, file dialogs, the print preview and the
wizard's buttons come from Qt, in English. A small catalogue shipped with the app
(``resources/locale/vi/qt_vi.ts``, compiled to ``qt_vi.qm`` with ``pyside6-lrelease``)
gives them in Vietnamese; it is installed while the language is Vietnamese.
"""

from __future__ import annotations

from treem_desktop.paths import qt_catalogue_file
from treem_desktop.ui.qt import QApplication, QTranslator

TRANSLATOR_NAME = "treem_qt_catalogue"


def use_qt_catalogue(language: str) -> None:
    """Install the catalogue for ``language`` on the application, or none (English)."""
    app = QApplication.instance()
    if app is None:
        return
    current = app.findChild(QTranslator, TRANSLATOR_NAME)
    if current is not None:
        app.removeTranslator(current)
        current.deleteLater()
        current.setObjectName("")
    path = qt_catalogue_file(language)
    if not path.is_file():
        return
    translator = QTranslator(app)
    translator.setObjectName(TRANSLATOR_NAME)
    if translator.load(str(path)):
        app.installTranslator(translator)
