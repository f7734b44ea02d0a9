"""The Eligibility tab computes off the GUI thread: busy and greyed while it works, the previous applicant's results
cleared at once, a result for an applicant no longer selected dropped, and a failure shown in a dialog in the
user's language."""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence

import pytest
from PySide6.QtWidgets import QMessageBox

from core.errors import InputError, Problem
from core.i18n import _, set_locale
from core.records.identity import ApplicantId, Crossing
from core.services.facade import JuliuService
from tests.ui.eligibility_case import evaluator
from tests.ui.helpers import settled
from tests.ui.test_applicant_eligibility_tab import open_tab, shown
from ui.common.background import BackgroundOp
from ui.eligibility.applicant_eligibility_tab import Assessed, EligibilityTab
from ui.eligibility.eligibility_tab import EligibilityWidget

FILING = dt.date(2022, 3, 1)


def gate_applicant(monkeypatch: pytest.MonkeyPatch, widget: EligibilityTab, held: ApplicantId,
                   gate: threading.Event) -> None:
    """The real assessment, its first run for one applicant held on its worker thread until the gate opens (the
    window may ask twice; the second run then goes through, as late as the test wants it)."""
    real = widget._evaluator_for  # noqa: SLF001
    first = threading.Lock()

    def gated(applicant_id: ApplicantId) -> Callable[[dt.date, Sequence[Crossing]], Assessed]:
        evaluate = real(applicant_id)
        if applicant_id != held:
            return evaluate

        def held_back(day: dt.date, planned: Sequence[Crossing]) -> Assessed:
            if first.acquire(blocking=False):
                assert gate.wait(20), "the test never opened the gate"
            return evaluate(day, planned)
        return held_back

    monkeypatch.setattr(widget, "_evaluator_for", gated)


def test_a_late_result_for_the_previous_applicant_is_dropped(qtbot, service: JuliuService,  # type: ignore[no-untyped-def]
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    widget, claire = open_tab(qtbot, service, "shanghai-family")
    settled(qtbot, widget)
    assert shown(widget)["pr-spouse"][0] == "met 符合"
    window = widget.window()
    leo = next(a.id for a in service.list_applicants() if a.chinese_name == "张乐")
    gate = threading.Event()
    gate_applicant(monkeypatch, widget, claire, gate)
    window.refresh_applicants(select_id=leo)
    settled(qtbot, widget)
    window.refresh_applicants(select_id=claire)  # held on its worker thread
    assert widget.computing and widget.busy.isVisibleTo(widget) and not widget.tree.isEnabled()
    assert widget.report is None and widget.model.rowCount() == 0 and widget.heading.text() == ""  # Leo's gone
    window.refresh_applicants(select_id=leo)
    settled(qtbot, widget)
    leos = widget.report
    assert leos is not None and shown(widget)["pr-minor-child"][0] == "met 符合"
    gate.set()
    # Claire's results have arrived on the GUI thread
    qtbot.waitUntil(lambda: not any(op.running for op in widget.findChildren(BackgroundOp)), timeout=20_000)
    assert widget.applicant_id == leo and widget.report is leos and shown(widget)["pr-minor-child"][0] == "met 符合"
    assert "taken as the child's other parent" in widget.heading.text()
    assert widget.tree.isEnabled() and not widget.busy.isVisibleTo(widget)


def test_the_routes_are_greyed_while_a_new_date_computes(qtbot) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    real = evaluator()

    def held_back(day: dt.date, planned: Sequence[Crossing]):  # type: ignore[no-untyped-def]
        assert gate.wait(20), "the test never opened the gate"
        return real(day, planned)

    widget = EligibilityWidget(today=FILING)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.evaluated, timeout=10_000):
        widget.set_evaluator(real)
    before = widget.report
    widget.set_evaluator(held_back)
    assert widget.computing and widget.busy.isVisibleTo(widget) and widget.busy.text() == _("Computing…")
    assert not widget.tree.isEnabled() and not widget.points_view.isEnabled() and widget.report is before
    with qtbot.waitSignal(widget.evaluated, timeout=20_000):
        gate.set()
    assert not widget.computing and widget.tree.isEnabled() and widget.report is not before
    assert widget.report is not None and widget.report.as_of == FILING


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_failure_is_reported_in_a_dialog_in_the_users_language(qtbot, lang: str, locale: str) -> None:  # type: ignore[no-untyped-def]
    set_locale(lang)
    widget = EligibilityWidget(today=FILING)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.evaluated, timeout=10_000):
        widget.set_evaluator(evaluator())

    def broken(day: dt.date, planned: Sequence[Crossing]):  # type: ignore[no-untyped-def]
        raise InputError([Problem("", None, _("filing date"), _("expected a date as YYYY-MM-DD"))])

    widget.set_evaluator(broken)
    qtbot.waitUntil(lambda: widget.error_box is not None and widget.error_box.isVisible(), timeout=10_000)
    box = widget.error_box
    assert isinstance(box, QMessageBox) and not widget.computing and not widget.busy.isVisibleTo(widget)
    title, words = (("无法计算申请资格", "申请日期") if lang == "zh_CN"
                    else ("Eligibility could not be computed", "filing date"))
    assert box.windowTitle() == title and words in box.text()
    assert not widget.tree.isEnabled() and widget.model.rowCount() > 0  # the old results stay greyed
    box.accept()
