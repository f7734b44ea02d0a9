"""Qt's own file dialog speaks the interface's language: the translator app.py installs covers "Look in" and
"Files of type" of the (non-native) dialog Juliu gets on Linux."""
from __future__ import annotations

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel

from ui.app import install_qt_translator


def test_the_file_dialog_is_translated(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = install_qt_translator(app, "zh_CN")
    assert translator is not None
    try:
        dialog = QFileDialog(None, "", "", "PDF (*.pdf)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        qtbot.addWidget(dialog)
        labels = {w.objectName(): w.text() for w in dialog.findChildren(QLabel)}
        assert labels["lookInLabel"] == "查找范围(&L)："
        assert labels["fileTypeLabel"] == "文件类型(&T)："
        assert labels["fileNameLabel"].startswith("文件名称")
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    finally:
        for extra in translator.findChildren(QTranslator):
            app.removeTranslator(extra)
        app.removeTranslator(translator)
