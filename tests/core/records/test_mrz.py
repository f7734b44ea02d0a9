"""Passport MRZ (ICAO Doc 9303 Part 4, TD3) parsed with every check digit verified; specimen lines from Doc 9303
and the German specimen passport; OCR of a rendered specimen when tesseract is installed."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from core.records.mrz import (
    MrzError,
    check_digit,
    find_td3_lines,
    fit_length,
    number_matches,
    parse_td3,
)
from core.records.mrz_ocr import mend_line2, mrz_from_image, ocr_available, repair_line2

TODAY = dt.date(2026, 11, 22)
ICAO_1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
ICAO_2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
DE_1 = "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<"
DE_2 = "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4"


@pytest.mark.parametrize(("field", "digit"), [("L898902C3", "6"), ("740812", "2"), ("120415", "9"),
                                              ("ZE184226B<<<<<", "1"), ("C01X00T47", "8"), ("520727", "3"),
                                              ("<<<<<<<<<", "0")])
def test_check_digits_of_the_specimens(field: str, digit: str):
    assert check_digit(field) == digit


def test_icao_specimen_parses_into_identity_fields():
    p = parse_td3(ICAO_1, ICAO_2, TODAY)
    assert (p.family_name, p.given_names, p.number, p.nationality, p.issuing_state, p.sex) == (
        "Eriksson", "Anna Maria", "L898902C3", "UTO", "UTO", "F")
    assert (p.birth_date, p.expiry_date, p.personal_number) == (dt.date(1974, 8, 12), dt.date(2012, 4, 15),
                                                                "ZE184226B")


def test_german_specimen_with_one_letter_state_and_no_personal_number():
    p = parse_td3(DE_1, DE_2, TODAY)
    assert (p.family_name, p.given_names, p.number, p.nationality) == ("Mustermann", "Erika", "C01X00T47", "D")
    assert (p.birth_date, p.expiry_date) == (dt.date(1964, 8, 12), dt.date(2027, 2, 28))


@pytest.mark.parametrize(("position", "field"), [(0, "passport.number"), (9, "passport.number"),
                                                 (14, "birth_date"), (24, "passport.expiry_date"),
                                                 (30, "personal_number"), (43, "mrz")])
def test_a_changed_character_is_caught_by_its_check_digit(position: int, field: str):
    original = ICAO_2[position]
    changed = ICAO_2[:position] + ("7" if original != "7" else "3") + ICAO_2[position + 1:]
    with pytest.raises(MrzError) as caught:
        parse_td3(ICAO_1, changed, TODAY)
    assert field in {p.field for p in caught.value.problems}


@pytest.mark.parametrize(("line1", "line2"), [(ICAO_1[:-1], ICAO_2), ("V" + ICAO_1[1:], ICAO_2),
                                              (ICAO_1, ICAO_2.lower().replace("<", "?"))])
def test_not_a_passport_zone_is_refused(line1: str, line2: str):
    with pytest.raises(MrzError):
        parse_td3(line1, line2, TODAY)


def test_two_digit_years_take_the_century_from_today():
    p = parse_td3(*_zone(birth="051231", expiry="350101"), TODAY)
    assert p.birth_date == dt.date(2005, 12, 31) and p.expiry_date == dt.date(2035, 1, 1)
    p = parse_td3(*_zone(birth="301231", expiry="350101"), TODAY)
    assert p.birth_date == dt.date(1930, 12, 31)


def _zone(birth: str, expiry: str) -> tuple[str, str]:
    number, optional = "X12345678", "<" * 14
    body = f"{number}{check_digit(number)}GBR{birth}{check_digit(birth)}M{expiry}{check_digit(expiry)}{optional}<"
    return "P<GBRDOE<<JOHN" + "<" * 30, body + check_digit(body[0:10] + body[13:20] + body[21:43])


def test_typed_number_against_the_mrz_check_digit():
    assert number_matches("L898902C3", "6") and number_matches("l898 902c3", "6")
    assert not number_matches("L898902C8", "6")
    assert number_matches("C01X00T47", "8")


def test_pasted_text_with_spaces_and_miscounted_fillers_is_found():
    pasted = f"some header\n{ICAO_1[:30]} {ICAO_1[30:-2]}\n {ICAO_2} \n"
    assert find_td3_lines(pasted) == (ICAO_1, ICAO_2)
    assert fit_length(ICAO_1 + "<<") == ICAO_1
    assert find_td3_lines("nothing here") is None


def test_ocr_slips_in_digit_positions_are_mended_then_verified():
    slipped = ICAO_2[:13] + "74O8I22" + ICAO_2[20:]
    assert mend_line2(slipped) == ICAO_2
    assert mend_line2("L898902C36UT07408122F1204159ZE184226B<<<<<10") == ICAO_2


def test_one_look_alike_in_an_alphanumeric_field_is_repaired_by_its_check_digit():
    assert repair_line2(ICAO_2.replace("ZE184226B", "7E184226B")) == ICAO_2
    assert repair_line2(ICAO_2.replace("L898902C3", "L8989O2C3")) == ICAO_2
    assert repair_line2(ICAO_2) == ICAO_2


def specimen_png() -> bytes:
    font = ImageFont.truetype("DejaVuSansMono.ttf", 28)
    image = Image.new("RGB", (900, 600), "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 60), "PASSPORT  UTOPIA", fill="black", font=font)
    draw.rectangle((40, 120, 240, 360), outline="black")
    draw.text((40, 480), ICAO_1, fill="black", font=font)
    draw.text((40, 525), ICAO_2, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr is not installed (tools/system-deps.sh installs it)")
def test_ocr_reads_a_rendered_specimen_page():
    p = mrz_from_image(specimen_png(), TODAY)
    assert (p.family_name, p.number, p.birth_date) == ("Eriksson", "L898902C3", dt.date(1974, 8, 12))


def test_an_image_without_a_zone_is_refused_with_a_reason():
    out = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(out, "PNG")
    with pytest.raises(MrzError):
        mrz_from_image(out.getvalue(), TODAY)
    with pytest.raises(MrzError):
        mrz_from_image(b"not an image", TODAY)
