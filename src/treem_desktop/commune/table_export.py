"""Writing a report table to xlsx from the window or the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from treem_desktop.commune.document_data import commune_data
from treem_desktop.commune.tables import TableSession
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError


def export_table(workspace: Workspace, session: TableSession, path: Path) -> Path:
    from treem_desktop.exports.table_sheet import write_table_sheet

    try:
        return write_table_sheet(
            path,
            session,
            workspace.require_profile(),
            dt.date.today(),
            commune_data(workspace),
        )
    except OSError as error:
        raise TreemError(
            "FILE_UNWRITABLE", path=path, detail=error.strerror or str(error)
        ) from error
