import numpy as np

from workstation.analysis.opening import open_at, parse_opening_hours


def test_reader_form_with_clock_times():
    text = "Mon: 09:00-17:30; Tue: Closed; Wed: 18:00-21:30; Sun: Closed"
    week, approx = parse_opening_hours(text)
    assert not approx
    assert week[9] and week[17] and not week[18]  # Mon 17:30 -> hour 17 counts
    assert not week[24 + 10]  # Tuesday closed
    assert week[48 + 20] and not week[48 + 17]
    assert week.sum() == 9 + 4


def test_osm_style_and_247():
    week, _ = parse_opening_hours("Mo-Fr 08:00-16:00; Sa 10:00-12:00")
    assert week.sum() == 5 * 8 + 2
    assert open_at("24/7", 100) is True


def test_library_categories_are_approximated():
    week, approx = parse_opening_hours(
        "Mon: AM & PM (continuous); Tue: PM & Eve (with closure); Wed: Closed"
    )
    assert approx
    assert week[9:17].all() and not week[8]
    assert week[24 + 13 : 24 + 20].all() and not week[24 + 12]
    assert not week[48:72].any()


def test_unknown_is_none_not_closed():
    assert parse_opening_hours("Mon: [Unknown]")[0] is None
    assert parse_opening_hours(None)[0] is None
    assert open_at("gibberish", 3) is None
    assert np.all(~parse_opening_hours("Mon: Closed")[0])
