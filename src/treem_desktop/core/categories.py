"""Commune categories for the recognition threshold (Decision 06/QĐ-TTg), read from data."""

from __future__ import annotations

import json
from functools import cache
from typing import NamedTuple

from treem_desktop.errors import TreemError
from treem_desktop.i18n import current_language
from treem_desktop.paths import resources_dir


class Category(NamedTuple):
    """A category of commune and the total score it must reach to be recognised.

    Named tuples, not dataclasses, here: read at every start-up (the home page's category),
    where Python 3.11 takes ~0.1 ms to make such a type and ~0.5 ms to make a frozen dataclass.
    """

    id: str
    threshold: int
    labels: dict[str, str]
    confirmed: bool

    @property
    def label(self) -> str:
        return self.labels.get(current_language()) or self.labels["vi"]


class CategoryList(NamedTuple):
    categories: tuple[Category, ...]
    source: str

    def get(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise TreemError(
            "CATEGORY_UNKNOWN",
            field="category",
            value=category_id,
            choices=", ".join(c.id for c in self.categories),
        )

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.categories]


@cache
def load_categories() -> CategoryList:
    raw = json.loads(
        (resources_dir() / "reference" / "commune-categories.json").read_text(encoding="utf-8")
    )
    confirmed = bool(raw["confirmed"])
    categories = tuple(
        Category(c["id"], int(c["threshold"]), dict(c["label"]), confirmed)
        for c in raw["categories"]
    )
    return CategoryList(categories, str(raw["source"]))
