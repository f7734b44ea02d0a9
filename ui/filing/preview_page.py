"""The filing wizard's last page (ui/filing/filing_wizard.py): the packet rendered off the GUI thread, previewed
and saved; for a family filing together, every member's packet and the family's cover."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWizardPage,
)

from core.i18n import _
from core.packets.audiences import AUDIENCE_TEXT, Audience
from ui.common.background import BackgroundOp
from ui.common.widgets import button_row, named
from ui.filing.packet_files import COVER, FamilySets, audience_paths, family_files
from ui.filing.pdf_preview import PdfPreview

if TYPE_CHECKING:
    from core.render.packet_merge import PacketResult
    from core.services.facade import JuliuService
    from core.services.packets import FamilyFiling, PreparedPacket


class Host(Protocol):
    """What the page needs of its wizard (ui/filing/filing_wizard.py FilingWizard)."""

    service: JuliuService
    prepared: PreparedPacket | None
    family_members: list[FamilyFiling]

    def checklist_only(self) -> bool: ...

    def default_path(self, *, unique: bool = False) -> Path: ...

    def remember_folder(self, folder: Path) -> None: ...


class PreviewPage(QWizardPage):
    """Page 4: the three sets of one build (issue 10 §6: the officer's filing set, the client's to-do list, the
    internal memo) rendered on a pool thread with a progress bar, one previewed at a time; Finish saves all three
    where the page says (the last folder used, else Documents), Save as… chooses another name."""

    def __init__(self, wizard: Host):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(_("Preview 预览"))
        self.progress = named(QProgressBar(), "progress")
        self.progress.setTextVisible(False)
        self.status = named(QLabel(), "build_status")
        self.status.setWordWrap(True)
        self.document = QPdfDocument(self)
        self.preview = PdfPreview(self.document, self)
        self.view = self.preview.view
        self.audience = named(QComboBox(), "audience")
        for audience in Audience:
            text = AUDIENCE_TEXT[audience]
            self.audience.addItem(f"{text.zh} {text.en}", audience.value)
        self.audience.currentIndexChanged.connect(self._show)
        self.member = named(QComboBox(), "member")  # a family filing: the cover or whose packet to preview
        self.member.currentIndexChanged.connect(self._show)
        self.target = named(QLabel(), "save_target")
        self.target.setWordWrap(True)
        self.target.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row, self.buttons = button_row(("export", _("Save as… 另存为"), self.export))
        row.insertWidget(0, self.target, 1)
        self.buttons["export"].setEnabled(False)
        self._buffer = QBuffer(self)
        self.results: dict[Audience, PacketResult] = {}
        self.family: FamilySets | None = None
        self.saved_to: Path | None = None
        self.failed = False
        self._task: BackgroundOp | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        pick = QFormLayout()
        pick.addRow(_("Whose packet 谁的材料"), self.member)
        pick.addRow(_("Preview 预览"), self.audience)
        pick.setRowVisible(self.member, False)
        self.pick = pick
        layout.addLayout(pick)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)

    def initializePage(self) -> None:  # noqa: N802
        self.build()

    @property
    def result(self) -> PacketResult | None:
        """The set shown in the preview (a family filing: of the member chosen, or the family's cover)."""
        if not self.results:
            return None
        member = self.member.currentData()
        if self.family is not None and member == COVER:
            return self.family.cover
        results = self.family.results(int(member)) if self.family is not None and member is not None else self.results
        return results.get(Audience(self.audience.currentData()))

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name): Finish waits for the packet (or its failure)
        return self.result is not None or self.failed

    def build(self) -> None:
        prepared = self.wizard_.prepared
        if prepared is None:
            return
        self.results, self.family, self.saved_to, self.failed = {}, None, None, False
        members = self.wizard_.family_members
        self.pick.setRowVisible(self.member, bool(members))
        self.completeChanged.emit()
        self.buttons["export"].setEnabled(False)
        self.target.setText("")
        self.progress.setRange(0, 0)  # busy: rendering has no steps to count
        self.progress.setVisible(True)
        self.status.setText(_("Building the packet… 正在生成…"))
        checklist_only = self.wizard_.checklist_only()
        service = self.wizard_.service
        if members:  # every member's three sets and the family's cover
            self._task = BackgroundOp(lambda _progress: FamilySets(*service.packets.render_family(
                members, checklist_only=checklist_only)), self)
            self._task.succeeded.connect(self._built_family)
        else:
            self._task = BackgroundOp(lambda _progress: {a: service.packets.render(
                prepared, checklist_only=checklist_only, audience=a) for a in Audience},
                self)  # the prepared content holds plain values and no connection
            self._task.succeeded.connect(self._built)
        self._task.failed.connect(self._failed)
        self._task.start()

    def _built_family(self, family: FamilySets) -> None:
        self.family = family
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItem(_("Family cover 家庭总封面"), COVER)
        for n, (member, _results) in enumerate(family.members):
            self.member.addItem(f"{member.name} · {member.prepared.content.kind.zh if member.prepared else ''}", n)
        self.member.setCurrentIndex(1)  # the principal's filing set first
        self.member.blockSignals(False)
        self._built(family.results(0))

    def _built(self, results: dict[Audience, PacketResult]) -> None:
        self.results = results
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.progress.setVisible(False)
        self._show()
        self.buttons["export"].setEnabled(True)
        base = self.wizard_.default_path()
        saves = _("Finish saves the family cover and each member's three sets in {folder}:") if self.family else \
            _("Finish saves the three sets in {folder}:")
        self._list_files(saves.format(folder=base.parent), [path for _result, path in self._files(base)])
        self.completeChanged.emit()

    def _files(self, base: Path) -> list[tuple[PacketResult, Path]]:
        """What Finish saves: the three sets, or for a family the cover and every member's three sets."""
        if self.family is not None:
            return family_files(base, self.family)
        return [(self.results[a], path) for a, path in audience_paths(base).items()]

    def _show(self) -> None:
        result = self.result
        if result is None:
            return
        self.document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray(result.data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        lines = [_("{pages} pages 共 {pages} 页").format(pages=result.pages), *result.warnings]
        self.status.setText("\n".join(lines))

    def _failed(self, message: str) -> None:
        self.progress.setVisible(False)
        self.failed = True
        self.status.setText(_("The packet could not be built: {m}").format(m=message))
        self.completeChanged.emit()

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name): Finish
        """Finish saves the packet unless it was saved already (Save as…); a failed save keeps the wizard open."""
        if self.result is None or self.saved_to is not None:
            return True
        return self.export(self.wizard_.default_path(unique=True)) is not None

    def export(self, path: Path | None = None) -> Path | None:
        """Save the three sets beside each other under the chosen name (audience_paths); returns the officer's."""
        if not self.results:
            return None
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(self, _("Save the packet 保存申请材料"),
                                                        str(self.wizard_.default_path()), _("PDF files (*.pdf)"))
            if not name:
                return None
            path = Path(name)
        files = self._files(path)
        try:
            for result, target in files:
                self.wizard_.service.packets.save(result, target)
        except OSError as exc:
            QMessageBox.critical(self, _("Saving failed"), _("{path}: {reason}").format(
                path=path, reason=exc.strerror or exc))
            return None
        self.saved_to = audience_paths(path)[Audience.OFFICER]
        self.wizard_.remember_folder(path.parent)
        saved = _("Saved in {folder}:").format(folder=path.parent)
        self.status.setText(saved + "\n" + "\n".join(target.name for _result, target in files))
        self._list_files(saved, [target for _result, target in files])
        return self.saved_to

    def _list_files(self, heading: str, paths: list[Path]) -> None:
        """The files under `heading`; a family's many files as a count (each name in the tooltip), so the
        preview keeps its room at 1366×768."""
        names = [p.name for p in paths]
        listed = names if len(names) <= 3 else [_("{n} files beginning “{stem}”").format(
            n=len(names), stem=paths[1].stem.rsplit(" - ", 1)[0])]
        self.target.setText("\n".join([heading, *listed]))
        self.target.setToolTip("\n".join(names))
