"""Tests for the dates stage: what counts as a date, its span and its ISO 8601 value."""

from __future__ import annotations

import pytest

from tei import dates
from tei.model import Note, Span


def _dates(make_doc, config, text, spans=(), notes=()):
    doc = make_doc(text, spans=spans, notes=notes, provided=("raw", "reading"))
    doc.derive_reading()
    doc = dates.run(doc, config)
    return doc, [(doc.raw[s.start:s.end], s.attrs) for s in doc.spans_of("date")]


@pytest.mark.parametrize("text, surface, attrs", [
    ("was allowed by the 1921 Soviet-Persian treaty.", "1921", {"when": "1921"}),
    ("In 1926 the US House of Representatives", "1926", {"when": "1926"}),
    ("the 1924 elections were lost", "1924", {"when": "1924"}),
    ("In June 1921, for example,", "June 1921", {"when": "1921-06"}),
    ("signed on March 16, 1921.", "March 16, 1921", {"when": "1921-03-16"}),
    ("signed on 16 March 1921.", "16 March 1921", {"when": "1921-03-16"}),
    ("signed on the 16th March, 1921.", "16th March, 1921", {"when": "1921-03-16"}),
    ("signed on the 16th of March 1921.", "16th of March 1921", {"when": "1921-03-16"}),
    ("accepted on Aug. 27, 1924, and", "Aug. 27, 1924", {"when": "1924-08-27"}),
    ("in despatch No. 30, Sept. 15, 1925, that", "Sept. 15, 1925", {"when": "1925-09-15"}),
    ("Washington, November 2, 1918, 3 p.m.\n2593. For Crosby", "November 2, 1918, 3 p.m.",
     {"when": "1918-11-02"}),
    ("Paris, November 14, 1919—8 p.m.\n5187. For the", "November 14, 1919—8 p.m.", {"when": "1919-11-14"}),
    ("Washington, February 10, 1925.\nSir:", "February 10, 1925", {"when": "1925-02-10"}),
    ("in December 1925, the new policy", "December 1925", {"when": "1925-12"}),
    ("PARIS, Monday, March 16, 1921.—The", "Monday, March 16, 1921", {"when": "1921-03-16"}),
    ("LONDON, MARCH 16, 1921.", "MARCH 16, 1921", {"when": "1921-03-16"}),
    ("dated 1921-03-16 in the file", "1921-03-16", {"when": "1921-03-16"}),
    ("the issue of 1921-03 reported", "1921-03", {"when": "1921-03"}),
    ("signed in March l921 at Riga", "March l921", {"when": "1921-03"}),
    ("founded about 44 B.C. by", "44 B.C.", {"when": "-0044"}),
    ("the accord of Jan. 1921 was", "Jan. 1921", {"when": "1921-01"}),
    ("open from the 1st day of May, 1893, to", "1st day of May, 1893", {"when": "1893-05-01"}),
    ("In the Year of our Lord 1511. They passed over", "Year of our Lord 1511", {"when": "1511"}),
    ("The evening of March 3, 1918 was cold.", "evening of March 3, 1918", {"when": "1918-03-03"}),
])
def test_dates_points(make_doc, config, text, surface, attrs):
    _, found = _dates(make_doc, config, text)
    assert found == [(surface, attrs)]


@pytest.mark.parametrize("text, surface, attrs", [
    ("Anglo-Soviet Relations 1924–27, pp. 257 - 266", "1924–27", {"from": "1924", "to": "1927"}),
    ("in Postwar Germany, 1918-1923 (Cambridge:", "1918-1923", {"from": "1918", "to": "1923"}),
    ("Pacific Affairs 66, no. 4 (1993-94).", "1993-94", {"from": "1993", "to": "1994"}),
    ("exports quadrupled between 1923 and 1924 while", "1923 and 1924", {"from": "1923", "to": "1924"}),
    ("ruled from 1918 to 1923 without", "1918 to 1923", {"from": "1918", "to": "1923"}),
    ("a boom in the 1920s was", "1920s", {"from": "1920", "to": "1929"}),
    ("at the Congress in July and August of 1920. The", "July and August of 1920",
     {"from": "1920-07", "to": "1920-08"}),
    ("Georgia, April 1 and 2, 1926(Washington:", "April 1 and 2, 1926", {"from": "1926-04-01", "to": "1926-04-02"}),
    ("held 3–5 May 1921 in Genoa", "3–5 May 1921", {"from": "1921-05-03", "to": "1921-05-05"}),
    ("on the 3rd and 4th of May, 1921", "3rd and 4th of May, 1921", {"from": "1921-05-03", "to": "1921-05-04"}),
    ("from November 1918 to January 1919 the", "November 1918 to January 1919", {"from": "1918-11", "to": "1919-01"}),
    ("in the fall of 1919. The", "fall of 1919", {"from": "1919-09", "to": "1919-11"}),
    ("Until the summer of\n1920, however,", "summer of\n1920", {"from": "1920-06", "to": "1920-08"}),
    ("in spring 1921 the", "spring 1921", {"from": "1921-03", "to": "1921-05"}),
    ("during the winter of 1919–20 the", "winter of 1919–20", {"from": "1919-12", "to": "1920-02"}),
    ("talks in Jan.–Feb. 1921 failed", "Jan.–Feb. 1921", {"from": "1921-01", "to": "1921-02"}),
    ("from March 1921 to April 1922 the", "March 1921 to April 1922", {"from": "1921-03", "to": "1922-04"}),
    ("in the nineteenth century the", "nineteenth century", {"from": "1800", "to": "1899"}),
    ("in the 18th century the", "18th century", {"from": "1700", "to": "1799"}),
    ("the war of 1998–02 ended", "1998–02", {"from": "1998", "to": "2002"}),
])
def test_dates_ranges(make_doc, config, text, surface, attrs):
    _, found = _dates(make_doc, config, text)
    assert found == [(surface, attrs)]


@pytest.mark.parametrize("text, surface, attrs", [
    ("By the mid-1920s, the", "mid-1920s", {"notBefore": "1923", "notAfter": "1927"}),
    ("In the late 1920s, the", "late 1920s", {"notBefore": "1927", "notAfter": "1929"}),
    ("in the early 1920s the", "early 1920s", {"notBefore": "1920", "notAfter": "1923"}),
    ("in early 1921 the", "early 1921", {"notBefore": "1921-01", "notAfter": "1921-04"}),
    ("at the end of 1923. The", "end of 1923", {"when": "1923"}),
    ("by the beginning of March 1921 the", "beginning of March 1921", {"when": "1921-03"}),
    ("in the late nineteenth century the", "late nineteenth century", {"notBefore": "1866", "notAfter": "1899"}),
    ("in the latter part of April, 1538, near", "latter part of April, 1538", {"when": "1538-04"}),
    ("in the early part of 1867 he", "early part of 1867", {"when": "1867"}),
    ("in the month of June 1865 the", "month of June 1865", {"when": "1865-06"}),
    ("He left late in 1866 for", "late in 1866", {"notBefore": "1866-09", "notAfter": "1866-12"}),
])
def test_dates_fuzzy(make_doc, config, text, surface, attrs):
    _, found = _dates(make_doc, config, text)
    assert found == [(surface, attrs)]


@pytest.mark.parametrize("text, surface, attrs", [
    ("The Foreign Policy ofIran, 150o-1941: A", "150o-1941", {"from": "1500", "to": "1941"}),
    ("the Soviet Experiment, . 1 9 1 7-1933 (Cambridge:", "1 9 1 7-1933", {"from": "1917", "to": "1933"}),
    ("relations after 11924 provides another", "11924", {"when": "1924"}),
])
def test_dates_ocr_garbled_digits(make_doc, config, text, surface, attrs):
    _, found = _dates(make_doc, config, text)
    assert found == [(surface, attrs)]


INFERRED = {"cert": "medium", "evidence": "conjecture"}


@pytest.mark.parametrize("text, surface, when", [
    ("In March 1921 the treaty was signed. On August 7 they met.", "August 7", "1921-08-07"),
    ("Talks began in 1920. They ended in November, when", "November", "1920-11"),
    ("It was completed by mid-February, leaving in 1923 time", "mid-February", "1923-02"),
    ("Washington, November 2, 1918.\nYour telegram of October 26, 5 p.m.; ", "October 26, 5 p.m.", "1918-10-26"),
    ("the loan of 1915. In a letter of June 30, 1920, and of July 4 he", "July 4", "1920-07-04"),
    ("Peace came in 1865. Parkes arrived early in July, and", "early in July", "1865-07"),
    ("Peace came in 1865. He left in the month of June, and", "month of June", "1865-06"),
])
def test_dates_yearless_take_year_from_context(make_doc, config, text, surface, when):
    _, found = _dates(make_doc, config, text)
    assert (surface, {"when": when, **INFERRED}) in found


def test_dates_yearless_in_note_uses_body_context(make_doc, config):
    body = "Talks began in 1920.\n"
    note = "1 Carr, History (London: Macmillan, 1954), on August 7 they met."
    text = body + note
    n = Note(n="1", segments=[(len(body), len(text))], anchor=len(body) - 2)
    _, found = _dates(make_doc, config, text, notes=[n])
    assert ("August 7", {"when": "1920-08-07", **INFERRED}) in found


@pytest.mark.parametrize("text, surface, attrs", [
    ("was signed in March 1921; six months later, the", "six months later", {"when": "1921-09"}),
    ("took office in January 1924 and Italy followed the following month.", "following month", {"when": "1924-02"}),
    ("a crisis in 1921. Two years later it", "Two years later", {"when": "1923"}),
    ("on May 3, 1920, and the next day the", "next day", {"when": "1920-05-04"}),
    ("the crisis of autumn 1920 and the following spring the", "following spring",
     {"from": "1921-03", "to": "1921-05"}),
    ("a failure of rain 1698 was a year of scarcity. The accounts of this year", "this year", {"when": "1698"}),
    ("he fell ill in 1705 and twenty-two years hence, George", "twenty-two years hence", {"when": "1727"}),
])
def test_dates_relative_resolved(make_doc, config, text, surface, attrs):
    _, found = _dates(make_doc, config, text)
    assert found[-1] == (surface, attrs)


def test_dates_day_of_month_without_a_dateline_left_out(make_doc, config):
    _, found = _dates(make_doc, config, "He arrived on the 3d inst. with his staff.")
    assert found == []


@pytest.mark.parametrize("text, surface, attrs", [
    ("NEW ORLEANS, March 3, 1884.—The steamer arrived on the 1st inst. and", "1st inst", {"when": "1884-03-01"}),
    ("NEW ORLEANS, March 3, 1884.—It left on the 28th ult. for", "28th ult", {"when": "1884-02-28"}),
    ("London, December 20, 1920. The meeting of the 4th proximo", "4th proximo", {"when": "1921-01-04"}),
    ("PARIS, Jan. 4, 1919.—The Conference opens on the 18th instant.", "18th instant", {"when": "1919-01-18"}),
    ("Managua, June 11, 1894.\nYour letter did not reach me until the 27th, too late", "27th", {"when": "1894-06-27"}),
    ("In April 1862 the army waited; on Friday the 4th the enemy came", "Friday the 4th", {"when": "1862-04-04"}),
    ("The years 1861-5 were hard.", "years 1861-5", {"from": "1861", "to": "1865"}),
    ("In A.D. 1066 William landed.", "A.D. 1066", {"when": "1066"}),
    ("the walls stood in 410 A.D. when", "410 A.D.", {"when": "0410"}),
    ("On the twenty-second of June, 1941, the war began.", "twenty-second of June, 1941", {"when": "1941-06-22"}),
    ("In the year 1042 Edward was elected king.", "year 1042", {"when": "1042"}),
    ("In 1799 a law freed all children born after July 4 of that\nyear.", "July 4 of that\nyear",
     {"when": "1799-07-04", **INFERRED}),
    ("He was crowned in 1422 and died the same year.", "same year", {"when": "1422"}),
    ("It was performed in 1823, and again in the year following.", "year following", {"when": "1824"}),
    ("In March 1862 the army waited. On the 1st\nof April the cavalry came;", "1st\nof April",
     {"when": "1862-04-01", **INFERRED}),
    ("In March 1862 the army waited until the 3d of April.", "3d of April", {"when": "1862-04-03", **INFERRED}),
    ("In 1792 the killings (September 2–7) went on.", "September 2–7",
     {"from": "1792-09-02", "to": "1792-09-07", **INFERRED}),
    ("In 1792 the campaign was delayed till autumn.", "autumn", {"from": "1792-09", "to": "1792-11", **INFERRED}),
    ("In 1792 the army rested during the winter.", "winter", {"from": "1792-12", "to": "1793-02", **INFERRED}),
    ("In 1792 the Prussians retreated (October).", "October", {"when": "1792-10", **INFERRED}),
    ("Managua, June 2, 1894.\nThe agreement made on May 5 last, and", "May 5 last", {"when": "1894-05-05", **INFERRED}),
    ("In 1798, on the evening of the first of August, the fleet", "evening of the first of August", {"when": "1798-08-01", **INFERRED}),
    ("Peking, January 26, 1901.\nYour note of the 27th of December, ultimo, came", "27th of December, ultimo",
     {"when": "1900-12-27", **INFERRED}),
])
def test_dates_newspaper_days_eras_and_short_ranges(make_doc, config, text, surface, attrs):
    _, found = _dates(make_doc, config, text)
    assert (surface, attrs) in found


@pytest.mark.parametrize("text", [
    "Three months later, he left.",                 # no date before
    "a crisis in 1921. Three months later it",      # a year gives no month
    "for several months the talks stalled",
])
def test_dates_relative_unresolvable_left_out(make_doc, config, text):
    _, found = _dates(make_doc, config, text)
    assert all("later" not in s and "months" not in s for s, _ in found)


@pytest.mark.parametrize("text", [
    "See Ullman, Anglo-Soviet Accord, 224-25.",
    "Publisher: Cambridge, pp. 257 - 266",
    "Carr, Bolshevik Revolution, 3:244-47; and 8:686.",
    "Treaties, vol. 3, no. 4, p. 189.",
    "a loan of 3.5 million dollars",
    "some 1500 troops crossed the border",
    "Carr, History, pp. 1920-25.",
    "my No. 1524, applied for to Root mission",
    "File No. 861.51/382",
    "Embassy’s 1920 of yesterday",
    "costing $1920 in cash",
    "on H.J. Res. 195, Providing",
    "sent at noon.\n1917. For Crosby from Rathbone:",
    "? [1771\n",
    "Thus the interwar period after World War I",
    "after the March action, and the German October",
    "in August Thalheimer's view",
    "May I ask whether",
    "one hundred members at its founding",
    "a shortage of 1920 tons of grain",
    "see lines 1920-1925 of the poem",
    "arrived at 1920 hours.",
    "printed in 1,500 copies for a population of 1,921,000",
    "was sent with 1000 horse to defend the city",
])
def test_dates_not_dates(make_doc, config, text):
    _, found = _dates(make_doc, config, text)
    assert found == []


def test_dates_unnormalisable_kept_without_attrs(make_doc, config):
    doc, found = _dates(make_doc, config, "They met on August 7 in Paris.")
    assert found == [("August 7", {})]
    assert [d.code for d in doc.diagnostics] == ["DAT001"]


def test_dates_span_maps_over_furniture(make_doc, config):
    head = "REVOLUTION AND WAR 177\n"
    text = "Until the summer of\n" + head + "1920, however, hopes"
    a = text.index(head)
    fw = Span(a, a + len(head), "fw", attrs={"type": "header", "place": "top"}, reading="")
    doc, found = _dates(make_doc, config, text, spans=[fw])
    (span,) = doc.spans_of("date")
    assert doc.raw[span.start:span.end] == "summer of\n" + head + "1920"
    assert span.attrs == {"from": "1920-06", "to": "1920-08"}


def test_dates_stage_contract():
    assert dates.REQUIRES == frozenset({"reading"})
    assert dates.PROVIDES == frozenset({"dates"})


def test_dates_chronology_lines_open_with_years(make_doc, config):
    text = ("1542. Born at Umarkot.\n1556. Regains the throne.\n1560. Assumes the government.\n"
            "1566. Invasion of the Punjab.\n")
    _, found = _dates(make_doc, config, text)
    assert [s for s, _ in found] == ["1542", "1556", "1560", "1566"]


def test_dates_one_numbered_line_is_not_a_chronology(make_doc, config):
    _, found = _dates(make_doc, config, "Your telegram received.\n2593. For Crosby from Rathbone: the loan.\n")
    assert found == []


@pytest.mark.parametrize("text, surface, attrs", [
    ("Constantinople, November 18, 1914.\nThe Minister called yesterday.", "yesterday", {"when": "1914-11-17"}),
    ("Constantinople, November 18, 1914.\nHe returns to-morrow.", "to-morrow", {"when": "1914-11-19"}),
    ("Paris, January 10, 1919.\nOn Saturday last the council met.", "Saturday last", {"when": "1919-01-04"}),
    ("Paris, January 10, 1919.\nThey will come back next spring.", "next spring", {"from": "1919-03", "to": "1919-05"}),
    ("Washington, July 21, 1862.\nThis is Monday. I hope to tell you on Thursday.", "Thursday", {"when": "1862-07-24"}),
    ("Washington, July 21, 1862.\nThis is Monday. I hope to tell you on Thursday.", "Monday", {"when": "1862-07-21"}),
    ("CEDAR KEY, Jan. 5, 1923.\nShe was attacked on Monday, and they fled.", "Monday", {"when": "1923-01-01"}),
    ("Given this 25th day of July, A.D. 1862.", "25th day of July, A.D. 1862", {"when": "1862-07-25"}),
])
def test_dates_counted_from_a_letters_date_line(make_doc, config, text, surface, attrs):
    _, found = _dates(make_doc, config, text)
    assert (surface, attrs) in found


@pytest.mark.parametrize("text", [
    "The ruins are still visible today.",                                       # no date line
    "Paris, January 10, 1919.\nThe treaty of 1920 still stands today.",        # the text moved on
])
def test_dates_today_without_its_letter_left_out(make_doc, config, text):
    _, found = _dates(make_doc, config, text)
    assert all(s not in ("today", "to-day") for s, _ in found)


def test_dates_ordinals_that_are_no_days(make_doc, config):
    _, found = _dates(make_doc, config, "In April 1862 the 4th Division and the 3d Corps marched; on the 2nd floor; "
                                        "the day after the battle")
    assert [surface for surface, _ in found] == ["April 1862"]


def test_dates_a_planned_season_does_not_move_the_story(make_doc, config):
    text = "In 1792 they kept the capital for the ensuing spring. On September 20 the armies met."
    _, found = _dates(make_doc, config, text)
    assert ("September 20", {"when": "1792-09-20", **INFERRED}) in found


def test_dates_a_season_with_its_modifier_takes_the_years_context(make_doc, config):
    _, found = _dates(make_doc, config, "The war began in 1914. In late autumn the Turks joined.")
    assert ("late autumn", {"from": "1914-09", "to": "1914-11", "cert": "medium", "evidence": "conjecture"}) in found


def test_dates_a_relative_year_far_from_any_date_takes_the_texts_year(make_doc, config):
    text = "He reached Yokohama in July 1865. " + "The squadron sailed on. " * 40 + "It had fought in the previous year."
    _, found = _dates(make_doc, config, text)
    assert ("previous year", {"when": "1864", "cert": "medium", "evidence": "conjecture"}) in found
