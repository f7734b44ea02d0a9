"""Problems shown in dialogs in the user's words: the field named by its translated label (never an id such as
family_name), the message translated where the catalog has it, and the field itself highlighted."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QWidget

from core.errors import Problem
from core.field_labels import problem_field
from core.i18n import _

INVALID_STYLE = "border: 2px solid #b00020; border-radius: 3px"


def field_labels() -> dict[str, str]:
    """Fields that core names but a dialog may not show (links between records, computed checks)."""
    return {"principal_id": _("Principal 主申请人"), "passport_id": _("In passport 所在护照"),
            "related_id": _("Certifies 所认证文件"), "certificates": _("Certificates 证明"),
            "relation": _("Relation to the principal 与主申请人关系"), "applicant": _("Applicant 申请人"),
            "number": _("Number 号码"), "expiry_date": _("Valid until 有效期至"),
            "issue_date": _("Date of issue 签发日期"), "year": _("Year 年度")}


def plain_label(text: str) -> str:
    """A form label without its required-field mark or accelerator."""
    return text.rstrip(" *").replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":：")


def problem_text(problem: Problem, labels: Mapping[str, str]) -> str:
    """'<label>: <message>' in the interface's language; a field this dialog does not know is left unnamed."""
    label = labels.get(problem.field) or field_labels().get(problem.field) or (
        problem_field(problem.field) if problem.field and problem.field != problem_field(problem.field) else "")
    message = _(problem.message) if problem.message else ""
    return _("{label}: {message}").format(label=plain_label(label), message=message) if label else message


def short_problem(problem: Problem) -> str:
    """A problem under the field it belongs to: 'Line 2: the return is before the exit' (a line of typed text),
    'Condition 条件: …' (a typed value), never the 'input:' prefix, in the interface's language."""
    label = _("Line {n}").format(n=problem.line) if problem.line is not None else problem_field(problem.field)
    return _("{label}: {message}").format(label=label, message=_(problem.message)) if label else _(problem.message)


def show_problems(problems: Iterable[Problem], labels: Mapping[str, str], widgets: Mapping[str, QWidget],
                  shown: list[QWidget]) -> str:
    """Highlight the fields named by `problems` (clearing those of the last attempt, kept in `shown`), focus the
    first one, and return the text for the dialog's error line."""
    for widget in shown:
        widget.setStyleSheet("")
    shown.clear()
    problems = list(problems)
    for problem in problems:
        named = widgets.get(problem.field)
        if named is not None and named not in shown:
            named.setStyleSheet(INVALID_STYLE)
            shown.append(named)
    if shown:
        shown[0].setFocus()
    return "\n".join(problem_text(p, labels) for p in problems)


def field_id(widget: QWidget) -> str:
    """The id core's problems use for the value `widget` holds."""
    return str(getattr(widget, "field", "") or widget.objectName())
