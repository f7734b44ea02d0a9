"""A message a user reads must pass through the catalog: test_catalog.py sees only the strings inside `_()`, `N_()`
and `ngettext()`; this scan of core/, cli/ and ui/ finds English given directly where a user reads it — a Problem's
message, the text of an error the CLI or a dialog shows (InputError, StorageError, the parsers' ValueErrors that
become a Problem), and Qt's texts (labels, titles, tool tips, message boxes, actions, status-bar lines)."""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from core.exchange.casefile_fields import FIELDS as CASE_FIELDS
from core.field_labels import problem_field
from core.ruledata.loader import load_setting_defs
from tests.test_catalog import extracted

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("core", "cli", "ui")
TRANSLATORS = {"_", "N_", "ngettext"}

# call name -> the positions (and keyword names) that hold the text a user reads
# (a helper that builds a Problem takes the message last: _p(field, message), _problem(mapping, key, message))
PROBLEM_CALLS = {"Problem": ((3,), ("message",)), "_p": ((-1,), ("message",)), "problem": ((-1,), ()),
                 "_problem": ((-1,), ()), "fail": ((-1,), ()), "_bad": ((-1,), ())}
ERROR_CALLS = {name: ((0,), ()) for name in (
    "StorageError", "EmptyStoreError", "ReadOnlyStoreError", "DiskFullError", "PassphraseError",
    "DamagedStoreError", "SealedError", "MrzError", "RulesError", "ConditionError", "FontNotFoundError")}
QT_METHODS = {name: ((0,), ()) for name in (
    "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setStatusTip", "setWhatsThis",
    "showMessage", "setTitle", "setSubTitle", "setLabelText", "setButtonText", "setHtml", "setPlainText",
    "setMarkdown", "setSpecialValueText", "setFormat", "addRow", "addTab", "addAction", "addMenu", "addItem",
    "setTabText", "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setHeaderLabels", "QLabel",
    "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton", "QMenu")}
QT_METHODS.update({"setTabText": ((1,), ()), "addTab": ((1,), ()), "insertTab": ((2,), ()),
                   "setItemText": ((1,), ()), "setTabToolTip": ((1,), ())})
MESSAGE_BOXES = {"information", "warning", "critical", "question", "about"}  # QMessageBox.x(parent, title, text)
# QInputDialog.getText(parent, title, label, …), QFileDialog.getOpenFileName(parent, caption, folder, filter)
ASKING = {"getText": (1, 2), "getItem": (1, 2), "getInt": (1, 2), "getDouble": (1, 2), "getMultiLineText": (1, 2),
          "getOpenFileName": (1, 3), "getOpenFileNames": (1, 3), "getSaveFileName": (1, 3),
          "getExistingDirectory": (1,)}

# Parsers whose ValueError text becomes a Problem's message (str(exc)): their raises are user-visible too.
VALUE_ERROR_MODULES = ("core/exchange/", "core/records/limits.py", "core/records/documents.py",
                       "core/presence/projection.py", "core/packets/plan.py")

# Texts given directly that no user reads as a sentence, each with its reason: (file, the text's start) -> why.
ALLOWED: dict[tuple[str, str], str] = {
    ("ui/firm/connect_dialog.py", "'server.office.lan'"): "an example host name in an empty field",
    ("ui/firm/connect_dialog.py", "'juliu_firm'"): "an example database name in an empty field",
    ("ui/records/applicant_dialog.py", "'GBR, USA, DEU"): "example ISO codes in an empty field",
    ("ui/travel/what_if_widget.py", "'rolling:4:calendar"): "an example of the condition syntax (--project)",
    ("ui/shell/about_dialog.py", 'f"<h2>Juliu 居留 {'): "the program's name and version; the sentences are _()",
    ("core/storage/sqlite/db.py", "f'{directory}: migrations must"): "a mistake in core/storage/migrations/, met only "
                                                                     "by whoever adds a migration",
    ("core/storage/pg/transfer.py", "f'circular foreign keys"): "a mistake in the schema's foreign keys, met only "
                                                                "by whoever changes the schema",
}
# Files whose messages still wait for the catalog, with the reason they may wait: the list only shrinks.
WAITING: dict[str, str] = {
}


MARKUP = re.compile(r"<[^>]*>|&\w+;|%[vm]")


def user_text(node: ast.expr) -> bool:
    """A literal, an f-string or a concatenation of them holding words (not '—', '%', '', a number or a path)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in MARKUP.sub("", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(user_text(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return user_text(node.left) or user_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in {"format", "join"}:
        return user_text(node.func.value)
    if isinstance(node, ast.List | ast.Tuple):
        return any(user_text(e) for e in node.elts)
    if isinstance(node, ast.IfExp):
        return user_text(node.body) or user_text(node.orelse)
    return False


def call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def texts(call: ast.Call, positions: tuple[int, ...], keywords: tuple[str, ...]) -> Iterator[ast.expr]:
    for i in positions:
        if -len(call.args) <= i < len(call.args):
            yield call.args[i]
    for kw in call.keywords:
        if kw.arg in keywords or (kw.arg in {"text", "title", "toolTip", "windowTitle"} and call_name(call)
                                  in QT_METHODS):
            yield kw.value


def findings(path: Path, relative: str) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
    value_errors = relative.startswith(VALUE_ERROR_MODULES)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = call_name(node)
        if name in TRANSLATORS:
            continue
        rules = PROBLEM_CALLS.get(name) or ERROR_CALLS.get(name)
        if relative.startswith("ui/"):
            rules = rules or QT_METHODS.get(name)
            if name in MESSAGE_BOXES and isinstance(node.func, ast.Attribute):
                rules = ((1, 2), ())
            if name in ASKING:
                rules = (ASKING[name], ("caption", "filter", "label", "title"))
        if name == "print" and relative.startswith("cli/"):  # what a command prints (its --help is argparse's)
            rules = ((0,), ())
        if name == "ValueError" and value_errors:
            rules = ((0,), ())
        if name.endswith("TableModel") and relative.startswith("ui/") and node.args and \
                isinstance(node.args[0], ast.List | ast.Tuple):  # RecordTableModel([(title, getter), …]): the titles
            titles = [c.elts[0] for c in node.args[0].elts if isinstance(c, ast.Tuple) and c.elts]
            yield from (f"{relative}:{t.lineno}: {name}({ast.unparse(t)[:90]})" for t in titles if user_text(t))
        if not rules:
            continue
        for text in texts(node, *rules):
            shown = ast.unparse(text)
            if user_text(text) and not any(relative == f and shown.startswith(start) for f, start in ALLOWED):
                yield f"{relative}:{text.lineno}: {name}({shown[:90]})"


def scan(root: Path = ROOT) -> list[str]:
    found = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            if root == ROOT and relative.startswith(tuple(WAITING)):
                continue
            found += findings(path, relative)
    return found


def test_no_user_visible_message_skips_the_catalog() -> None:
    found = scan()
    assert found == [], "wrap these in _() (or N_() where the reader translates), with a zh_CN line in " \
                        "tools/zh_CN.tsv:\n" + "\n".join(found)


def test_the_scan_sees_each_kind_of_untranslated_message(tmp_path: Path) -> None:
    ui = tmp_path / "ui"
    core = tmp_path / "core" / "exchange"
    ui.mkdir()
    core.mkdir(parents=True)
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "c.py").write_text('print(f"error: {exc}")\nprint(_("error: {m}").format(m=exc))\n',
                                           encoding="utf-8")
    (ui / "w.py").write_text(
        'label.setText("Saved")\nQMessageBox.warning(self, _("Title"), f"Bad {x}")\nQLabel(_("fine"))\n'
        'bar.showMessage("—")\nRecordTableModel([(_("When"), when), ("Who", who)], self)\n', encoding="utf-8")
    (core / "p.py").write_text(
        'Problem(src, 1, "date", f"not a date: {x}")\nProblem(src, 1, "date", N_("required"))\n'
        'raise ValueError("expected HH:MM")\nraise StorageError(_("locked"))\n', encoding="utf-8")
    found = scan(tmp_path)
    assert [f.split(": ", 1)[1].split("(")[0] for f in found] == ["Problem", "ValueError", "print", "setText",
                                                                   "warning", "RecordTableModel"]


def test_every_waiting_file_still_waits() -> None:
    """A file translated since is taken off WAITING, so the scan covers it from then on."""
    done = [prefix for prefix in WAITING
            if not [f for p in sorted(ROOT.glob(prefix + ("**/*.py" if prefix.endswith("/") else "")))
                    for f in findings(p, p.relative_to(ROOT).as_posix())]]
    assert done == [], "take these off WAITING: " + ", ".join(done)


def test_no_message_names_a_setting_by_its_key() -> None:
    """A setting is named as File > Settings labels it (core.ruledata.loader.setting_label), never by its key
    (seen: elig_experience_overlap, (elig_year_reading) in notes); only a command's syntax example may show one."""
    keys = set(load_setting_defs())
    syntax = {"use another value for a setting, e.g. elig_tax_share_reading=salary"}  # `check --setting KEY=VALUE`
    found = [f"{where}: {msgid[:80]!r}" for folder in FOLDERS for msgid, where in extracted(folder).items()
             if msgid not in syntax and any(k in msgid for k in keys)]
    assert found == [], "\n".join(found)


def test_every_field_core_names_in_a_problem_has_a_label() -> None:
    """A problem's field is shown by its label (core.field_labels): each literal field id core gives a Problem has
    one, so no 'employer_zh:' reaches a dialog or the command line (an option such as --out stays as typed)."""
    positions = {"Problem": 2, "_p": 0, "problem": 0}
    unlabelled = []
    for path in sorted((ROOT / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (at := positions.get(call_name(node))) is not None \
                    and len(node.args) > at and isinstance(node.args[at], ast.Constant):
                field = str(node.args[at].value)
                if field and not field.startswith("-") and problem_field(field) == field:
                    unlabelled.append(f"{path.relative_to(ROOT)}:{node.lineno}: {field}")
    assert unlabelled == [], "add a label to core/field_labels.py:\n" + "\n".join(unlabelled)


def test_every_case_file_field_has_a_label() -> None:
    """A case file's problem names its field by the label the dialogs use ('$.passports[0].type' → 'Passport 1 ·
    Passport type'), so each field the format has needs one."""
    unlabelled = sorted(f"{section}.{name}" for section, names in CASE_FIELDS.items() for name in names
                        if problem_field(f"$.{section}[0].{name}").endswith(f" · {name}"))
    assert unlabelled == [], unlabelled
