from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from conftest import Api
from habits import rules
from habits.models import Entry, Group, Habit
from habits.selectors import habit_entries_in, habit_spec, user_today
from habits.tests.factories import done_days, habit_for
from users.models import User

pytestmark = pytest.mark.django_db


def test_today_lists_every_active_habit_with_its_progress(api: Api, user: User) -> None:
    today = user_today(user)
    run = habit_for(user, name="Run", start_date=today - dt.timedelta(days=30))
    done_days(run, [today - dt.timedelta(days=n) for n in range(1, 6)])
    habit_for(user, name="Old", archived=True)
    body = api.get("/api/today").json()
    assert body["date"] == today.isoformat()
    [item] = body["items"]
    assert item["habit"]["name"] == "Run"
    assert item["due"] is True
    assert item["entry"] is None
    assert item["current_streak"] == 5
    assert item["best_streak"] == 5
    assert item["period_progress"] == {"done": 0.0, "target": 1.0}
    expected = rules.summary(habit_spec(run), habit_entries_in(run), today, user.week_start)
    assert item["score"] == pytest.approx(expected.score, abs=1e-12)


def test_a_check_in_shows_in_today_at_once(api: Api, user: User) -> None:
    today = user_today(user)
    habit = habit_for(user, start_date=today - dt.timedelta(days=3))
    before = api.get("/api/today").json()["items"][0]
    api.put(f"/api/habits/{habit.pk}/entries/{today}", {"status": "done"})
    after = api.get("/api/today").json()["items"][0]
    assert after["entry"]["status"] == "done"
    assert after["current_streak"] == before["current_streak"] + 1
    assert after["score"] > before["score"]
    api.delete(f"/api/habits/{habit.pk}/entries/{today}")
    assert api.get("/api/today").json()["items"][0]["score"] == before["score"]


def test_weekday_habits_are_not_due_on_other_days(api: Api, user: User) -> None:
    day = dt.date(2026, 11, 18)  # a Wednesday
    habit_for(
        user,
        schedule_type="weekdays",
        schedule_weekdays=0b0010001,
        start_date=day - dt.timedelta(60),
    )
    item = api.get("/api/today", date=day.isoformat()).json()["items"][0]
    assert item["due"] is False
    monday = api.get("/api/today", date="2026-11-16").json()["items"][0]
    assert monday["due"] is True


def test_period_progress_counts_the_week(api: Api, user: User) -> None:
    wednesday = dt.date(2026, 11, 18)
    habit = habit_for(user, schedule_type="times_per_week", schedule_times=3, schedule_days=7)
    done_days(habit, [dt.date(2026, 11, 16), dt.date(2026, 11, 17)])
    item = api.get("/api/today", date=wednesday.isoformat()).json()["items"][0]
    assert item["period_progress"] == {"done": 2.0, "target": 3.0}


def test_today_honours_the_users_day_start_hour(api: Api, user: User) -> None:
    user.timezone = "Pacific/Auckland"
    user.day_start_hour = 23
    user.save()
    assert api.get("/api/today").json()["date"] == user_today(user).isoformat()


def test_an_invalid_date_answers_422(api: Api) -> None:
    response = api.get("/api/today", date="2026-13-01")
    assert response.status_code == 422
    assert "date" in str(response.json()["detail"])


def test_today_stays_correct_when_the_cache_is_flushed(api: Api, user: User) -> None:
    from django.core.cache import cache

    habit = habit_for(user, start_date=user_today(user) - dt.timedelta(days=10))
    done_days(habit, [user_today(user) - dt.timedelta(days=1)])
    first = api.get("/api/today").json()
    cache.clear()
    assert api.get("/api/today").json() == first


def test_a_schedule_change_is_reflected_immediately(api: Api, user: User) -> None:
    day = dt.date(2026, 11, 18)  # Wednesday
    habit = habit_for(user, start_date=day - dt.timedelta(days=30))
    assert api.get("/api/today", date=day.isoformat()).json()["items"][0]["due"] is True
    api.patch(f"/api/habits/{habit.pk}", {"schedule": {"type": "weekdays", "days": ["mon"]}})
    assert api.get("/api/today", date=day.isoformat()).json()["items"][0]["due"] is False
    assert Habit.objects.count() == 1


def test_a_repeated_read_is_served_from_this_processs_copy(api: Api, user: User) -> None:
    from django.core.cache import cache, caches

    habit_for(user, start_date=user_today(user) - dt.timedelta(days=10))
    first = api.get("/api/today").json()
    cache.clear()  # the shared copy is gone; this process still holds the same version's body
    shared_get = cache.get
    asked: list[str] = []
    cache.get = lambda key, *a, **kw: asked.append(key) or shared_get(key, *a, **kw)  # type: ignore[method-assign]
    try:
        assert api.get("/api/today").json() == first
    finally:
        del cache.get
    assert not [key for key in asked if key.startswith("today:")]
    caches["local"].clear()
    assert api.get("/api/today").json() == first  # and recomputed when both are gone


def test_after_a_restore_rolls_versions_back_no_cached_body_is_served_again(
    api: Api, user: User
) -> None:
    # A restore brings rows back to an earlier state, data_version included. With a counter,
    # the next write would produce the number that, before the restore, named a different
    # state, and its cached body would be served. Versions are random, so it cannot.
    today = user_today(user)
    run = habit_for(user, name="Run", start_date=today - dt.timedelta(days=3))
    read = habit_for(user, name="Read", start_date=today - dt.timedelta(days=3))
    User.objects.filter(pk=user.pk).update(data_version=0)
    backed_up = Habit.objects.get(pk=run.pk).entries_version
    api.get("/api/today")  # cached under the backed-up version
    api.put(f"/api/habits/{run.pk}/entries/{today}", {"status": "done"})
    api.get("/api/today")  # cached under the version after that write
    # The restore: back to the backed-up state, Run's check-in gone.
    run.entries.all().delete()
    Habit.objects.filter(pk=run.pk).update(entries_version=backed_up)
    User.objects.filter(pk=user.pk).update(data_version=0)
    api.put(f"/api/habits/{read.pk}/entries/{today}", {"status": "done"})
    items = {i["habit"]["name"]: i["entry"] for i in api.get("/api/today").json()["items"]}
    assert items["Run"] is None
    assert items["Read"]["status"] == "done"


def due_and_done(body: dict[str, Any]) -> tuple[int, int]:
    # What the screen shows as "N of M done": it must agree with the items listed as due.
    due = [item for item in body["items"] if item["due"]]
    return sum(item["done"] for item in due), len(due)


def test_a_day_before_a_new_habits_start_lists_it_as_due_so_it_can_be_back_filled(
    api: Api, user: User
) -> None:
    created = api.post("/api/habits", {"name": "Stretch"}).json()
    api.post("/api/habits", {"name": "Weekdays", "schedule": {"type": "weekdays", "days": ["mon"]}})
    yesterday = dt.date.fromisoformat(created["start_date"]) - dt.timedelta(days=1)
    body = api.get("/api/today", date=str(yesterday)).json()
    stretch, mondays = body["items"]
    assert (stretch["due"], stretch["before_start"], stretch["done"]) == (True, True, False)
    assert mondays["before_start"] is True
    assert mondays["due"] is (yesterday.weekday() == 0)
    assert due_and_done(body) == (0, 1 + (yesterday.weekday() == 0))
    api.put(f"/api/habits/{created['id']}/entries/{yesterday}", {"status": "done"})
    stretch = api.get("/api/today", date=str(yesterday)).json()["items"][0]
    assert (stretch["due"], stretch["before_start"], stretch["done"]) == (True, False, True)
    assert stretch["habit"]["start_date"] == str(yesterday)


def test_today_opens_any_past_day_a_year_back_and_more(api: Api, user: User) -> None:
    today = user_today(user)
    habit = habit_for(user, start_date=today - dt.timedelta(days=800))
    year_ago = today - dt.timedelta(days=365)
    done_days(habit, [year_ago - dt.timedelta(days=1), year_ago])
    body = api.get("/api/today", date=str(year_ago)).json()
    assert body["date"] == str(year_ago)
    [item] = body["items"]
    assert item["entry"]["status"] == "done"
    assert (item["due"], item["done"], item["current_streak"]) == (True, True, 2)
    assert api.get("/api/today", date="1900-01-01").status_code == 200


def test_a_weekly_quota_habit_is_due_until_the_quota_is_met(api: Api, user: User) -> None:
    monday = dt.date(2026, 11, 16)
    habit = habit_for(user, schedule_type="times_per_week", schedule_times=3, schedule_days=7)
    # Last week's Friday to Sunday: Loop's interval covers this Monday to Thursday.
    for day in (dt.date(2026, 11, 13), dt.date(2026, 11, 14), dt.date(2026, 11, 15), monday):
        api.put(f"/api/habits/{habit.pk}/entries/{day}", {"status": "done"})

    def on(day: dt.date) -> dict[str, Any]:
        return api.get("/api/today", date=str(day)).json()["items"][0]  # type: ignore[no-any-return]

    first = on(monday)
    assert (first["due"], first["done"], first["period_progress"]) == (
        True, True, {"done": 1.0, "target": 3.0},
    )  # fmt: skip
    tuesday = on(monday + dt.timedelta(days=1))
    assert (tuesday["due"], tuesday["done"]) == (True, False)
    wednesday = monday + dt.timedelta(days=2)
    api.put(f"/api/habits/{habit.pk}/entries/{monday + dt.timedelta(days=1)}", {"status": "done"})
    api.put(f"/api/habits/{habit.pk}/entries/{wednesday}", {"status": "done"})
    met = on(wednesday)  # the check-in that meets the quota keeps its card under "Due"
    assert (met["due"], met["done"], met["period_progress"]["done"]) == (True, True, 3.0)
    thursday = on(monday + dt.timedelta(days=3))
    assert (thursday["due"], thursday["done"]) == (False, False)


def test_a_monthly_quota_habit_is_due_with_nothing_done_and_counted_in_the_total(
    api: Api, user: User
) -> None:
    habit_for(user, name="Call mum", schedule_type="times_per_month", schedule_times=10)
    habit_for(user, name="Read")
    body = api.get("/api/today", date="2026-11-18").json()
    assert [item["due"] for item in body["items"]] == [True, True]
    assert due_and_done(body) == (0, 2)


def test_an_at_most_habit_with_nothing_logged_is_within_its_limit_and_done(
    api: Api, user: User
) -> None:
    today = user_today(user)
    coffee = habit_for(
        user, name="Coffee", kind="measurable", target=2, target_type="at_most", unit="cups",
        start_date=today - dt.timedelta(days=5),
    )  # fmt: skip
    item = api.get("/api/today").json()["items"][0]
    assert (item["due"], item["done"], item["limit"]) == (True, True, "within")
    assert item["score"] == 1.0
    assert item["current_streak"] == 6
    api.put(f"/api/habits/{coffee.pk}/entries/{today}", {"value": 3})
    over = api.get("/api/today").json()["items"][0]
    assert (over["done"], over["limit"], over["current_streak"]) == (False, "over", 0)
    assert over["score"] < 1.0
    api.put(f"/api/habits/{coffee.pk}/entries/{today}", {"value": 2})
    assert api.get("/api/today").json()["items"][0]["limit"] == "within"


def test_other_habits_have_no_limit_state(api: Api, user: User) -> None:
    habit_for(user, kind="measurable", target=8, start_date=user_today(user))
    habit_for(user, name="Run", start_date=user_today(user))
    assert [item["limit"] for item in api.get("/api/today").json()["items"]] == [None, None]


def test_each_item_carries_its_group_and_the_week_grid_oldest_first(api: Api, user: User) -> None:
    today = user_today(user)
    group = Group.objects.create(owner=user, name="Morning")
    habit = habit_for(user, group=group, start_date=today - dt.timedelta(days=3))
    done_days(habit, [today - dt.timedelta(days=2)])
    done_days(habit, [today - dt.timedelta(days=1)], status="skipped")
    [item] = api.get("/api/today").json()["items"]
    assert item["group_id"] == group.pk
    assert item["days"] == [
        {
            "date": str(today - dt.timedelta(days=n)),
            "status": status,
            "value": None,
            "due": True,
            "note": note,
        }
        for n, status, note in zip(
            range(6, -1, -1),
            ["before_start", "before_start", "before_start", "missed", "done", "skipped", "empty"],
            [None, None, None, None, "", "", None],
            strict=True,
        )
    ]


def test_back_filling_yesterday_from_the_grid_updates_it(api: Api, user: User) -> None:
    today = user_today(user)
    habit = habit_for(user, kind="measurable", target=8, start_date=today - dt.timedelta(days=9))
    yesterday = today - dt.timedelta(days=1)
    assert api.get("/api/today").json()["items"][0]["days"][-2]["status"] == "missed"
    api.put(f"/api/habits/{habit.pk}/entries/{yesterday}", {"value": 5})
    cell = api.get("/api/today").json()["items"][0]["days"][-2]
    assert (cell["status"], cell["value"]) == ("partial", 5.0)
    api.put(f"/api/habits/{habit.pk}/entries/{yesterday}", {"value": 8})
    assert api.get("/api/today").json()["items"][0]["days"][-2]["status"] == "done"


def test_each_grid_day_carries_its_note_so_a_grid_save_can_keep_it(api: Api, user: User) -> None:
    today = user_today(user)
    habit = habit_for(user, start_date=today - dt.timedelta(days=30))
    other = habit_for(user, name="Run", start_date=today - dt.timedelta(days=30))
    three_ago, yesterday = today - dt.timedelta(days=3), today - dt.timedelta(days=1)
    api.put(f"/api/habits/{habit.pk}/entries/{three_ago}", {"note": "Chapter 4"})
    api.put(f"/api/habits/{habit.pk}/entries/{yesterday}", {"status": "skipped", "note": "Sick"})
    api.put(f"/api/habits/{other.pk}/entries/{today}", {"status": "done"})
    # A week before the grid's first day stays out of it.
    api.put(f"/api/habits/{habit.pk}/entries/{today - dt.timedelta(days=7)}", {"note": "Old"})
    first, second = api.get("/api/today").json()["items"]
    assert [d["note"] for d in first["days"]] == [None, None, None, "Chapter 4", None, "Sick", None]
    assert [d["note"] for d in second["days"]] == [None] * 6 + [""]
    assert second["entry"] == {"date": str(today), "status": "done", "value": None, "note": ""}

    # What the grid sends for a click on the note-only day: its status with the note it knows.
    cell = first["days"][3]
    api.put(
        f"/api/habits/{habit.pk}/entries/{cell['date']}", {"status": "done", "note": cell["note"]}
    )
    cell = api.get("/api/today").json()["items"][0]["days"][3]
    assert (cell["status"], cell["note"]) == ("done", "Chapter 4")
    # An older day's grid shows that day's week, notes included.
    days = api.get("/api/today", date=str(yesterday)).json()["items"][0]["days"]
    assert (days[-1]["note"], days[-3]["note"]) == ("Sick", "Chapter 4")


def test_an_older_day_shows_the_week_before_it_and_its_own_day_as_missed(
    api: Api, user: User
) -> None:
    today = user_today(user)
    habit_for(user, start_date=today - dt.timedelta(days=30))
    day = today - dt.timedelta(days=10)
    body = api.get("/api/today", date=str(day)).json()
    days = body["items"][0]["days"]
    assert days[-1] == {
        "date": str(day),
        "status": "missed",
        "value": None,
        "due": True,
        "note": None,
    }
    assert days[0]["date"] == str(day - dt.timedelta(days=6))


def test_groups_head_the_screen_with_their_score_and_todays_progress(api: Api, user: User) -> None:
    today = user_today(user)
    start = today - dt.timedelta(days=20)
    health = Group.objects.create(owner=user, name="Health", color="#10b981", icon="heart",
                                  position=1, collapsed=True)  # fmt: skip
    morning = Group.objects.create(owner=user, name="Morning", position=0)
    run = habit_for(user, name="Run", group=health, start_date=start)
    habit_for(user, name="Stretch", group=health, start_date=start)
    habit_for(user, name="Loose", start_date=start)
    done_days(run, [today - dt.timedelta(days=n) for n in range(0, 20)])
    habit_for(user, name="Old", group=health, archived=True, start_date=start)
    Group.objects.create(owner=User.objects.create_user(email="x@example.com"), name="Theirs")
    body = api.get("/api/today").json()
    scores = {i["habit"]["name"]: i["score"] for i in body["items"]}
    assert body["groups"] == [
        {"id": morning.pk, "name": "Morning", "color": "#4f46e5", "icon": "", "position": 0,
         "collapsed": False, "score": 0.0, "done_today": 0, "due_today": 0},
        {"id": health.pk, "name": "Health", "color": "#10b981", "icon": "heart", "position": 1,
         "collapsed": True, "score": pytest.approx((scores["Run"] + scores["Stretch"]) / 2),
         "done_today": 1, "due_today": 2},
    ]  # fmt: skip


def test_moving_a_habit_into_a_group_shows_at_once(api: Api, user: User) -> None:
    group = Group.objects.create(owner=user, name="Morning")
    habit = habit_for(user, start_date=user_today(user))
    assert api.get("/api/today").json()["items"][0]["group_id"] is None
    assert api.patch(f"/api/habits/{habit.pk}", {"group_id": group.pk}).status_code == 200
    body = api.get("/api/today").json()
    assert body["items"][0]["group_id"] == group.pk
    assert body["groups"][0]["due_today"] == 1


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize("warm", [False, True])
def test_today_with_its_grid_and_groups_takes_a_fixed_number_of_queries(
    api: Api,
    user: User,
    count: int,
    warm: bool,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    from django.core.cache import cache

    today = user_today(user)
    groups = [Group.objects.create(owner=user, name=f"G{n}", position=n) for n in range(count)]
    habits = [
        habit_for(user, name=f"H{n}", group=groups[n], start_date=today - dt.timedelta(days=60))
        for n in range(count)
    ]
    Entry.objects.bulk_create(
        Entry(habit=h, date=today - dt.timedelta(days=d), status="done")
        for h in habits
        for d in range(0, 60, 2)
    )
    cache.clear()
    if warm:
        api.get("/api/today")
        # A new data version: the body is rendered again from the cached per-habit rows.
        User.objects.filter(pk=user.pk).update(data_version=12345)
    # Session, user, habits, the day's entries, groups, and the history on a cold cache.
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        body = api.get("/api/today").json()
    assert (len(body["items"]), len(body["groups"])) == (count, count)
    assert all(len(item["days"]) == 7 for item in body["items"])
