"""The one place where an id that is not stored becomes the user's error (exit 2 on the command line, a message
in the window), naming the option or field that carried the id."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from core.errors import InputError, Problem
from core.i18n import _
from core.storage.repositories.repositories import NotFoundError


def not_found(exc: NotFoundError, field: str) -> InputError:
    if exc.kind == "applicant":
        message = _("no applicant with id {id}").format(id=exc.record_id)
    else:
        message = _("no {kind} record with id {id} (deleted meanwhile?)").format(kind=exc.kind, id=exc.record_id)
    return InputError([Problem("", None, field, message)])


@contextmanager
def stored(field: str = "applicant") -> Iterator[None]:
    """Inside, a record that storage does not find is the user's InputError naming `field`."""
    try:
        yield
    except NotFoundError as exc:
        raise not_found(exc, field) from None
