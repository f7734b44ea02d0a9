"""Issue 12 item 5: PDF metadata (shown by file managers, search indexes, mail previews) carries no personal data
unless the user asks for it."""
from __future__ import annotations

import dataclasses
import io

from pypdf import PdfReader

from core.render.packet_pdf import render_packet_bytes
from tests.render.packet_samples import sample_content


def test_packet_metadata_has_no_name_and_no_route_unless_asked():
    content = sample_content(scans=0)
    private = PdfReader(io.BytesIO(render_packet_bytes(content).data)).metadata
    assert private is not None and private.title == "Juliu 居留" and private.subject is None
    assert content.applicant_name not in str(dict(private)) and content.kind_id not in str(dict(private))
    asked = PdfReader(io.BytesIO(render_packet_bytes(
        dataclasses.replace(content, personal_metadata=True)).data)).metadata
    assert asked is not None and content.applicant_name in (asked.title or "")
    assert asked.subject == content.kind.both
