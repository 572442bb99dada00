"""The one way into Qt: every other UI module imports Qt names from here.

A Qt upgrade or a binding change touches this file only (qutebrowser, Anki). Names are
resolved on first use: PySide6 builds each class's Python type when it is first touched,
and touching all of them at start-up cost about 30 ms (benchmarks/startup.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from treem_desktop.ui.feature_hook import drop_feature_import

if TYPE_CHECKING:  # the names, for type checkers and readers
    from PySide6.QtCore import (
        QAbstractListModel as QAbstractListModel,
    )
    from PySide6.QtCore import (
        QAbstractTableModel as QAbstractTableModel,
    )
    from PySide6.QtCore import (
        QBuffer as QBuffer,
    )
    from PySide6.QtCore import (
        QByteArray as QByteArray,
    )
    from PySide6.QtCore import (
        QDate as QDate,
    )
    from PySide6.QtCore import (
        QEvent as QEvent,
    )
    from PySide6.QtCore import (
        QEventLoop as QEventLoop,
    )
    from PySide6.QtCore import (
        QIODevice as QIODevice,
    )
    from PySide6.QtCore import (
        QMarginsF as QMarginsF,
    )
    from PySide6.QtCore import (
        QModelIndex as QModelIndex,
    )
    from PySide6.QtCore import (
        QObject as QObject,
    )
    from PySide6.QtCore import (
        QPersistentModelIndex as QPersistentModelIndex,
    )
    from PySide6.QtCore import (
        QPoint as QPoint,
    )
    from PySide6.QtCore import (
        QPointF as QPointF,
    )
    from PySide6.QtCore import (
        QRect as QRect,
    )
    from PySide6.QtCore import (
        QRectF as QRectF,
    )
    from PySide6.QtCore import (
        QRunnable as QRunnable,
    )
    from PySide6.QtCore import (
        QSize as QSize,
    )
    from PySide6.QtCore import (
        QSizeF as QSizeF,
    )
    from PySide6.QtCore import (
        QSortFilterProxyModel as QSortFilterProxyModel,
    )
    from PySide6.QtCore import (
        Qt as Qt,
    )
    from PySide6.QtCore import (
        QThreadPool as QThreadPool,
    )
    from PySide6.QtCore import (
        QTimer as QTimer,
    )
    from PySide6.QtCore import (
        QtMsgType as QtMsgType,
    )
    from PySide6.QtCore import (
        QTranslator as QTranslator,
    )
    from PySide6.QtCore import (
        QUrl as QUrl,
    )
    from PySide6.QtCore import (
        Signal as Signal,
    )
    from PySide6.QtCore import (
        Slot as Slot,
    )
    from PySide6.QtCore import (
        qInstallMessageHandler as qInstallMessageHandler,
    )
    from PySide6.QtGui import (
        QAction as QAction,
    )
    from PySide6.QtGui import (
        QBrush as QBrush,
    )
    from PySide6.QtGui import (
        QCloseEvent as QCloseEvent,
    )
    from PySide6.QtGui import (
        QColor as QColor,
    )
    from PySide6.QtGui import (
        QColorConstants as QColorConstants,
    )
    from PySide6.QtGui import (
        QCursor as QCursor,
    )
    from PySide6.QtGui import (
        QDesktopServices as QDesktopServices,
    )
    from PySide6.QtGui import (
        QFont as QFont,
    )
    from PySide6.QtGui import (
        QFontMetrics as QFontMetrics,
    )
    from PySide6.QtGui import (
        QGuiApplication as QGuiApplication,
    )
    from PySide6.QtGui import (
        QIcon as QIcon,
    )
    from PySide6.QtGui import (
        QImage as QImage,
    )
    from PySide6.QtGui import (
        QKeyEvent as QKeyEvent,
    )
    from PySide6.QtGui import (
        QKeySequence as QKeySequence,
    )
    from PySide6.QtGui import (
        QPagedPaintDevice as QPagedPaintDevice,
    )
    from PySide6.QtGui import (
        QPageLayout as QPageLayout,
    )
    from PySide6.QtGui import (
        QPageSize as QPageSize,
    )
    from PySide6.QtGui import (
        QPainter as QPainter,
    )
    from PySide6.QtGui import (
        QPainterPath as QPainterPath,
    )
    from PySide6.QtGui import (
        QPaintEvent as QPaintEvent,
    )
    from PySide6.QtGui import (
        QPalette as QPalette,
    )
    from PySide6.QtGui import (
        QPdfWriter as QPdfWriter,
    )
    from PySide6.QtGui import (
        QPen as QPen,
    )
    from PySide6.QtGui import (
        QPolygon as QPolygon,
    )
    from PySide6.QtGui import (
        QResizeEvent as QResizeEvent,
    )
    from PySide6.QtGui import (
        QShortcut as QShortcut,
    )
    from PySide6.QtGui import (
        QShowEvent as QShowEvent,
    )
    from PySide6.QtGui import (
        QTextCharFormat as QTextCharFormat,
    )
    from PySide6.QtGui import (
        QTextDocument as QTextDocument,
    )
    from PySide6.QtGui import (
        QTextLayout as QTextLayout,
    )
    from PySide6.QtGui import (
        QTextLine as QTextLine,
    )
    from PySide6.QtGui import (
        QUndoCommand as QUndoCommand,
    )
    from PySide6.QtGui import (
        QUndoStack as QUndoStack,
    )
    from PySide6.QtGui import (
        QWheelEvent as QWheelEvent,
    )
    from PySide6.QtPrintSupport import (
        QPrintDialog as QPrintDialog,
    )
    from PySide6.QtPrintSupport import (
        QPrinter as QPrinter,
    )
    from PySide6.QtPrintSupport import (
        QPrintPreviewDialog as QPrintPreviewDialog,
    )
    from PySide6.QtWidgets import (
        QAbstractItemView as QAbstractItemView,
    )
    from PySide6.QtWidgets import (
        QAbstractScrollArea as QAbstractScrollArea,
    )
    from PySide6.QtWidgets import (
        QAbstractSpinBox as QAbstractSpinBox,
    )
    from PySide6.QtWidgets import (
        QApplication as QApplication,
    )
    from PySide6.QtWidgets import (
        QButtonGroup as QButtonGroup,
    )
    from PySide6.QtWidgets import (
        QCheckBox as QCheckBox,
    )
    from PySide6.QtWidgets import (
        QComboBox as QComboBox,
    )
    from PySide6.QtWidgets import (
        QDateEdit as QDateEdit,
    )
    from PySide6.QtWidgets import (
        QDialog as QDialog,
    )
    from PySide6.QtWidgets import (
        QDialogButtonBox as QDialogButtonBox,
    )
    from PySide6.QtWidgets import (
        QFileDialog as QFileDialog,
    )
    from PySide6.QtWidgets import (
        QFormLayout as QFormLayout,
    )
    from PySide6.QtWidgets import (
        QFrame as QFrame,
    )
    from PySide6.QtWidgets import (
        QGridLayout as QGridLayout,
    )
    from PySide6.QtWidgets import (
        QGroupBox as QGroupBox,
    )
    from PySide6.QtWidgets import (
        QHBoxLayout as QHBoxLayout,
    )
    from PySide6.QtWidgets import (
        QHeaderView as QHeaderView,
    )
    from PySide6.QtWidgets import (
        QInputDialog as QInputDialog,
    )
    from PySide6.QtWidgets import (
        QLabel as QLabel,
    )
    from PySide6.QtWidgets import (
        QLineEdit as QLineEdit,
    )
    from PySide6.QtWidgets import (
        QListWidget as QListWidget,
    )
    from PySide6.QtWidgets import (
        QListWidgetItem as QListWidgetItem,
    )
    from PySide6.QtWidgets import (
        QMainWindow as QMainWindow,
    )
    from PySide6.QtWidgets import (
        QMenu as QMenu,
    )
    from PySide6.QtWidgets import (
        QMessageBox as QMessageBox,
    )
    from PySide6.QtWidgets import (
        QPlainTextEdit as QPlainTextEdit,
    )
    from PySide6.QtWidgets import (
        QProgressDialog as QProgressDialog,
    )
    from PySide6.QtWidgets import (
        QPushButton as QPushButton,
    )
    from PySide6.QtWidgets import (
        QRadioButton as QRadioButton,
    )
    from PySide6.QtWidgets import (
        QScrollArea as QScrollArea,
    )
    from PySide6.QtWidgets import (
        QSizePolicy as QSizePolicy,
    )
    from PySide6.QtWidgets import (
        QSplitter as QSplitter,
    )
    from PySide6.QtWidgets import (
        QStackedWidget as QStackedWidget,
    )
    from PySide6.QtWidgets import (
        QStatusBar as QStatusBar,
    )
    from PySide6.QtWidgets import (
        QStyle as QStyle,
    )
    from PySide6.QtWidgets import (
        QStyledItemDelegate as QStyledItemDelegate,
    )
    from PySide6.QtWidgets import (
        QStyleOptionComboBox as QStyleOptionComboBox,
    )
    from PySide6.QtWidgets import (
        QStyleOptionViewItem as QStyleOptionViewItem,
    )
    from PySide6.QtWidgets import (
        QStylePainter as QStylePainter,
    )
    from PySide6.QtWidgets import (
        QTableView as QTableView,
    )
    from PySide6.QtWidgets import (
        QTableWidget as QTableWidget,
    )
    from PySide6.QtWidgets import (
        QTableWidgetItem as QTableWidgetItem,
    )
    from PySide6.QtWidgets import (
        QTabWidget as QTabWidget,
    )
    from PySide6.QtWidgets import (
        QTextBrowser as QTextBrowser,
    )
    from PySide6.QtWidgets import (
        QToolButton as QToolButton,
    )
    from PySide6.QtWidgets import (
        QTreeWidget as QTreeWidget,
    )
    from PySide6.QtWidgets import (
        QTreeWidgetItem as QTreeWidgetItem,
    )
    from PySide6.QtWidgets import (
        QVBoxLayout as QVBoxLayout,
    )
    from PySide6.QtWidgets import (
        QWidget as QWidget,
    )
    from PySide6.QtWidgets import (
        QWizard as QWizard,
    )
    from PySide6.QtWidgets import (
        QWizardPage as QWizardPage,
    )

_MODULES = {
    "QAbstractListModel": "PySide6.QtCore",
    "QAbstractTableModel": "PySide6.QtCore",
    "QSortFilterProxyModel": "PySide6.QtCore",
    "QBuffer": "PySide6.QtCore",
    "QByteArray": "PySide6.QtCore",
    "QDate": "PySide6.QtCore",
    "QEvent": "PySide6.QtCore",
    "QEventLoop": "PySide6.QtCore",
    "QIODevice": "PySide6.QtCore",
    "QMarginsF": "PySide6.QtCore",
    "QModelIndex": "PySide6.QtCore",
    "QObject": "PySide6.QtCore",
    "QPersistentModelIndex": "PySide6.QtCore",
    "QPoint": "PySide6.QtCore",
    "QPointF": "PySide6.QtCore",
    "QRect": "PySide6.QtCore",
    "QRectF": "PySide6.QtCore",
    "QRunnable": "PySide6.QtCore",
    "QSize": "PySide6.QtCore",
    "QSizeF": "PySide6.QtCore",
    "Qt": "PySide6.QtCore",
    "QThreadPool": "PySide6.QtCore",
    "QtMsgType": "PySide6.QtCore",
    "qInstallMessageHandler": "PySide6.QtCore",
    "QTimer": "PySide6.QtCore",
    "QTranslator": "PySide6.QtCore",
    "QUrl": "PySide6.QtCore",
    "Signal": "PySide6.QtCore",
    "Slot": "PySide6.QtCore",
    "QAction": "PySide6.QtGui",
    "QBrush": "PySide6.QtGui",
    "QCloseEvent": "PySide6.QtGui",
    "QColor": "PySide6.QtGui",
    "QColorConstants": "PySide6.QtGui",
    "QCursor": "PySide6.QtGui",
    "QDesktopServices": "PySide6.QtGui",
    "QFont": "PySide6.QtGui",
    "QFontMetrics": "PySide6.QtGui",
    "QGuiApplication": "PySide6.QtGui",
    "QIcon": "PySide6.QtGui",
    "QImage": "PySide6.QtGui",
    "QKeyEvent": "PySide6.QtGui",
    "QShowEvent": "PySide6.QtGui",
    "QKeySequence": "PySide6.QtGui",
    "QPagedPaintDevice": "PySide6.QtGui",
    "QPageLayout": "PySide6.QtGui",
    "QPageSize": "PySide6.QtGui",
    "QPainter": "PySide6.QtGui",
    "QPainterPath": "PySide6.QtGui",
    "QPaintEvent": "PySide6.QtGui",
    "QResizeEvent": "PySide6.QtGui",
    "QPalette": "PySide6.QtGui",
    "QPdfWriter": "PySide6.QtGui",
    "QPen": "PySide6.QtGui",
    "QPolygon": "PySide6.QtGui",
    "QShortcut": "PySide6.QtGui",
    "QTextCharFormat": "PySide6.QtGui",
    "QTextDocument": "PySide6.QtGui",
    "QTextLayout": "PySide6.QtGui",
    "QTextLine": "PySide6.QtGui",
    "QUndoCommand": "PySide6.QtGui",
    "QUndoStack": "PySide6.QtGui",
    "QWheelEvent": "PySide6.QtGui",
    "QPrintDialog": "PySide6.QtPrintSupport",
    "QPrinter": "PySide6.QtPrintSupport",
    "QPrintPreviewDialog": "PySide6.QtPrintSupport",
    "QAbstractItemView": "PySide6.QtWidgets",
    "QAbstractSpinBox": "PySide6.QtWidgets",
    "QAbstractScrollArea": "PySide6.QtWidgets",
    "QApplication": "PySide6.QtWidgets",
    "QButtonGroup": "PySide6.QtWidgets",
    "QCheckBox": "PySide6.QtWidgets",
    "QComboBox": "PySide6.QtWidgets",
    "QDateEdit": "PySide6.QtWidgets",
    "QDialog": "PySide6.QtWidgets",
    "QDialogButtonBox": "PySide6.QtWidgets",
    "QFileDialog": "PySide6.QtWidgets",
    "QFormLayout": "PySide6.QtWidgets",
    "QFrame": "PySide6.QtWidgets",
    "QGridLayout": "PySide6.QtWidgets",
    "QGroupBox": "PySide6.QtWidgets",
    "QHBoxLayout": "PySide6.QtWidgets",
    "QHeaderView": "PySide6.QtWidgets",
    "QInputDialog": "PySide6.QtWidgets",
    "QLabel": "PySide6.QtWidgets",
    "QLineEdit": "PySide6.QtWidgets",
    "QListWidget": "PySide6.QtWidgets",
    "QListWidgetItem": "PySide6.QtWidgets",
    "QMainWindow": "PySide6.QtWidgets",
    "QMenu": "PySide6.QtWidgets",
    "QMessageBox": "PySide6.QtWidgets",
    "QPlainTextEdit": "PySide6.QtWidgets",
    "QProgressDialog": "PySide6.QtWidgets",
    "QPushButton": "PySide6.QtWidgets",
    "QRadioButton": "PySide6.QtWidgets",
    "QScrollArea": "PySide6.QtWidgets",
    "QSizePolicy": "PySide6.QtWidgets",
    "QSplitter": "PySide6.QtWidgets",
    "QStackedWidget": "PySide6.QtWidgets",
    "QStatusBar": "PySide6.QtWidgets",
    "QStyle": "PySide6.QtWidgets",
    "QStyledItemDelegate": "PySide6.QtWidgets",
    "QStyleOptionComboBox": "PySide6.QtWidgets",
    "QStylePainter": "PySide6.QtWidgets",
    "QStyleOptionViewItem": "PySide6.QtWidgets",
    "QTableView": "PySide6.QtWidgets",
    "QTableWidget": "PySide6.QtWidgets",
    "QTableWidgetItem": "PySide6.QtWidgets",
    "QTabWidget": "PySide6.QtWidgets",
    "QTextBrowser": "PySide6.QtWidgets",
    "QToolButton": "PySide6.QtWidgets",
    "QTreeWidget": "PySide6.QtWidgets",
    "QTreeWidgetItem": "PySide6.QtWidgets",
    "QVBoxLayout": "PySide6.QtWidgets",
    "QWidget": "PySide6.QtWidgets",
    "QWizard": "PySide6.QtWidgets",
    "QWizardPage": "PySide6.QtWidgets",
}

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"treem_desktop.ui.qt has no Qt name {name!r}; add it to the shim")
    value = getattr(importlib.import_module(module), name)
    drop_feature_import()  # its scan of every later import's source: ~9 ms at start-up
    globals()[name] = value
    return value
