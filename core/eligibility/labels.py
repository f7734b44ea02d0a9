"""Display texts for what the engine reports as codes: verdicts, the enum values rules compare against, wage areas
and statistics, the day counts of a presence row. The codes stay as they are in `check --json`; the text output,
the Eligibility tab's notes and the memo show these labels in the interface's language (issue 11, #10)."""
from __future__ import annotations

import re
from collections.abc import Mapping

from core.eligibility.results import Verdict
from core.i18n import N_, _, current_locale

VERDICT_TEXT = {Verdict.MET: N_("met"), Verdict.NOT_MET: N_("not met"), Verdict.BORDERLINE: N_("borderline"),
                Verdict.UNKNOWN: N_("unknown")}

# The enum values the routes name (core.records.model): statuses, relations, posts, employer types, degrees.
VALUE_TEXT = {
    "chinese_citizen": N_("Chinese citizen"), "pr_holder": N_("permanent-residence holder"),
    "foreign": N_("foreign national"), "spouse": N_("spouse"), "child": N_("child"), "parent": N_("parent"),
    "grandparent": N_("grandparent"), "single": N_("unmarried"), "married": N_("married"),
    "divorced": N_("divorced"), "widowed": N_("widowed"),
    "doctorate": N_("doctorate"), "master": N_("master's degree"), "bachelor": N_("bachelor's degree"),
    "top_vocational": N_("top international vocational qualification"), "technician": N_("technician"),
    "senior_worker": N_("senior worker"),
    "deputy_gm_or_above": N_("deputy general manager or above"),
    "associate_professor_or_above": N_("associate professor or above"),
    "equivalent_treatment": N_("equivalent treatment"), "other": N_("other"),
    "state_institution": N_("state institution"), "key_university": N_("key university"),
    "major_project": N_("major national project"), "high_tech_enterprise": N_("high-tech enterprise"),
    "encouraged_fie": N_("encouraged foreign-invested enterprise"),
    "advanced_technology_fie": N_("advanced-technology foreign-invested enterprise"),
    "export_oriented_fie": N_("export-oriented foreign-invested enterprise"),
    "zhongguancun": N_("Zhongguancun"), "marriage_certificate": N_("marriage certificate"),
}

# Wage-table areas and the cities routes name, as written in rules/ (English) → Chinese.
AREA_ZH = {"national": "全国", "beijing": "北京", "shanghai": "上海", "guangdong": "广东", "jiangsu": "江苏",
           "shenzhen": "深圳", "guangzhou": "广州", "zhuhai": "珠海", "foshan": "佛山", "huizhou": "惠州",
           "dongguan": "东莞", "zhongshan": "中山", "jiangmen": "江门", "zhaoqing": "肇庆", "tianjin": "天津",
           "chengdu": "成都", "hangzhou": "杭州", "nanjing": "南京", "suzhou": "苏州", "xiamen": "厦门",
           "hainan": "海南", "zhongguancun": "中关村", "hengqin": "横琴", "qianhai": "前海", "nansha": "南沙"}

# The statistics by their codes (English shows the code, as rules/wages.toml and the settings name it).
STATISTIC_TEXT = {"on_post": N_("on_post"), "non_private": N_("non_private"), "private": N_("private"),
                  "all_caliber": N_("all_caliber")}

COUNT_TEXT = {"calendar_days": N_("calendar days"), "full_days": N_("full days"), "days": N_("days"),
              "years": N_("years"), "months": N_("months")}


def zh() -> bool:
    return current_locale().startswith("zh")


def verdict_text(v: Verdict) -> str:
    return _(VERDICT_TEXT[v])


def area_label(area: str) -> str:
    """A wage area or city in the interface's language ("Beijing" → "北京" in Chinese); unknown ones as written."""
    return area_zh(area) if zh() else area


def area_zh(area: str) -> str:
    """A wage area or city in Chinese, for the Chinese half of a bilingual text; unknown ones as written."""
    if m := re.fullmatch(r"\s*([\u4e00-\u9fff]+)\s+[A-Za-z][A-Za-z .'-]*", area):  # "广州 Guangzhou" as recorded
        return m.group(1)
    return AREA_ZH.get(area.strip().casefold(), area)


def statistic_label(statistic: str) -> str:
    """An average-wage statistic ("on_post"), or "A or substitute B" as the wage lookups name it."""
    first, _sep, substitute = statistic.partition(" or substitute ")
    text = _(STATISTIC_TEXT[first]) if first in STATISTIC_TEXT else first
    if substitute:
        return _("{a} or substitute {b}").format(a=text, b=statistic_label(substitute))
    return text


def points_input_text(value: object) -> str:
    """A work-permit points factor's input as read (the points panel, `points`): a degree by name, the
    Chinese-language factor by the facts known, — for none."""
    if isinstance(value, Mapping):  # the Chinese-language factor
        parts = [f"HSK {value['hsk']}"] if value.get("hsk") else []
        parts += [_("former Chinese national")] if value.get("former_chinese_national") else []
        parts += [_("degree taught in Chinese")] if value.get("degree_taught_in_chinese") else []
        return _(", ").join(parts) or "—"
    if isinstance(value, (list, tuple)):
        return _(", ").join(points_input_text(v) for v in value) or "—"
    if isinstance(value, str) and value in VALUE_TEXT:
        return _(VALUE_TEXT[value])
    return "—" if value is None else str(value)


def value_text(value: object) -> str:
    """A criterion's value or threshold as a short text: counts by name, yes/no, codes and areas by label."""
    if isinstance(value, Mapping):
        return _(", ").join(f"{_(COUNT_TEXT[str(k)]) if str(k) in COUNT_TEXT else k} {value_text(v)}"
                            for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return _(", ").join(dict.fromkeys(value_text(v) for v in value))  # 北京, Beijing → one 北京
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None:
        return "—"
    if isinstance(value, str):
        if value in VALUE_TEXT:
            return _(VALUE_TEXT[value])
        if re.fullmatch(r"[A-Za-z][A-Za-z ]*|[\u4e00-\u9fff]+\s+[A-Za-z][A-Za-z .'-]*", value):
            return area_label(value)
    return str(value)
