"""Issue 10 §7 on paper: each letter on its own page in the filing order, Chinese over English, the places to sign
and seal, and numbers that never break across lines."""
from __future__ import annotations

import io

from pypdf import PdfReader

from core.packets.audiences import Audience
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id


def test_the_officer_set_carries_the_letters_ready_to_sign_and_seal(service: JuliuService) -> None:
    import_cases(service)
    prepared = service.packets.prepare(person_id(service, "金敏俊"), "rp_work_renewal", today=TODAY)
    reader = PdfReader(io.BytesIO(service.packets.render(prepared, audience=Audience.OFFICER).data))
    pages = [page.extract_text() or "" for page in reader.pages]
    submission = next(i for i, text in enumerate(pages) if text.startswith("申请函"))
    employer = next(i for i, text in enumerate(pages) if text.startswith("单位证明函"))
    form = next(i for i, text in enumerate(pages) if "外国人签证证件申请表" in text and "Photo" in text)
    assert submission < form < employer  # the kind's filing order: letter, passport, form, ..., employer's letter
    letter = pages[employer]
    for words in ("单位盖章", "Company seal here", "法定代表人或授权人签名", "Signature of the legal representative",
                  "日期", "Date", "兹证明", "This is to certify"):
        assert words in letter, words
    assert "请用单位信笺打印" not in letter  # the instruction to the employer stays off the officer's copy
    lines = letter.splitlines()
    assert any("440300202401000877" in line for line in lines)  # the work permit number on one line
    assert "申请人签名" in pages[submission] and "Applicant's signature here" in pages[submission]
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles.index("申请函 Letter of application") < titles.index("单位证明函 Employer certification letter")
    attachments = [i for i, label in enumerate(reader.page_labels) if label.startswith("A")]
    assert attachments and all("复印件与原件一致" in pages[i] for i in attachments)
