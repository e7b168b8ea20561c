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


def test_minutes_closing_at_half_and_quarter_hours():
    from workstation.analysis.opening import open_throughout, parse_opening_minutes

    week, _ = parse_opening_minutes("Mon: 08:30-15:30; Tue: 09:15-16:45; Wed: Closed")
    mon, tue = 0, 24 * 60
    assert open_throughout(week, mon + 8 * 60 + 30, 10)
    assert not open_throughout(week, mon + 8 * 60 + 25, 10)  # starts before opening
    assert open_throughout(week, mon + 15 * 60 + 20, 10)  # ends 15:30 exactly
    assert not open_throughout(week, mon + 15 * 60 + 21, 10)  # ends 15:31
    assert not open_throughout(week, mon + 15 * 60 + 46, 10)  # the visit of issue 12
    assert open_throughout(week, tue + 16 * 60 + 35, 10)  # ends 16:45
    assert not open_throughout(week, tue + 16 * 60 + 40, 10)
    assert not open_throughout(week, tue + 9 * 60 + 10, 10)
    assert not week[2 * 24 * 60 : 3 * 24 * 60].any()  # Wednesday closed
    assert week.sum() == 7 * 60 + 7 * 60 + 30


def test_overnight_hours_run_into_the_next_morning_and_wrap_the_week():
    from workstation.analysis.opening import (
        describe_hours,
        open_throughout,
        parse_opening_minutes,
    )

    week, _ = parse_opening_minutes("Fri: 22:00-02:30; Sun: 23:00-01:00")
    fri, sat, mon = 4 * 1440, 5 * 1440, 0
    assert open_throughout(week, fri + 23 * 60, 10)
    assert open_throughout(week, sat + 2 * 60 + 20, 10)  # Saturday 02:20-02:30
    assert not open_throughout(week, sat + 2 * 60 + 25, 10)
    assert open_throughout(week, mon + 50, 10)  # Sunday night into Monday 01:00
    assert open_throughout(week, 7 * 1440 + 50, 10)  # the same, a week on
    assert not open_throughout(week, mon + 55, 10)
    assert week.sum() == 4 * 60 + 30 + 2 * 60
    assert describe_hours("Mon: 08:30-15:30; Tue: Closed", 0) == "08:30-15:30"
    assert describe_hours("Fri: 22:00-02:30; Sun: 23:00-01:00", 4) == "22:00-02:30"
    assert describe_hours("Fri: 22:00-02:30; Sun: 23:00-01:00", 6) == "23:00-01:00"
    assert describe_hours("Mon: 08:30-15:30; Tue: Closed", 1) == "closed"
