"""The tab bar's style: less padding around each title, so the nine bilingual titles of the applicant's tabs fit a
1366-pixel-wide window in English without scroll arrows (issue 15). Loaded when the tabs are first shown
(ui/shell/tab_set.py): a QProxyStyle makes Qt build every style and style-option enum in Python."""
from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

TAB_PADDING = 14  # px, both sides of a tab's title together; the style's own (24 in Fusion) is roomier


class CompactTabs(QProxyStyle):
    """The application's style with less padding around each tab's title; everything else as the style draws it."""

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,  # noqa: N802 (Qt's name)
                    widget: QWidget | None = None) -> int:
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return min(TAB_PADDING, super().pixelMetric(metric, option, widget))
        return super().pixelMetric(metric, option, widget)
