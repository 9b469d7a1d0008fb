import { i18n } from "@lingui/core";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n";
import { makeHabit } from "@/testing/render";
import type { Habit } from "@/types/api";
import { describeSchedule } from "./describe-schedule";

const on = (schedule: Habit["schedule"]) => describeSchedule(makeHabit({ schedule }));
const number = (locale: string, n: number) => new Intl.NumberFormat(locale).format(n);

describe("a schedule in words", () => {
  it("reads in English by default", () => {
    expect(on({ type: "daily" })).toBe("Every day");
    expect(on({ type: "times_per_week", times: 1 })).toBe("Once a week");
    expect(on({ type: "times_per_week", times: 3 })).toBe("3 times a week");
    expect(on({ type: "every_n_days", n: 2 })).toBe("Every other day");
    expect(on({ type: "every_n_days", n: 5 })).toBe("Every 5 days");
    expect(on({ type: "times_in_days", times: 2, days: 10 })).toBe("2 times in 10 days");
    expect(on({ type: "weekdays", days: ["fri", "mon", "wed"] })).toBe("On Mon, Wed, and Fri");
    expect(
      describeSchedule(
        makeHabit({
          kind: "measurable",
          target: 1.5,
          target_type: "at_most",
          unit: "km",
          schedule: { type: "daily" },
        }),
      ),
    ).toBe("Every day · at most 1.5 km");
  });

  it("reads in German, with its plurals and its way of joining weekdays", async () => {
    i18n.loadAndActivate({ locale: "de", messages: await loadMessages("de") });
    expect(on({ type: "daily" })).toBe("Jeden Tag");
    expect(on({ type: "times_per_week", times: 1 })).toBe("Einmal pro Woche");
    expect(on({ type: "times_per_week", times: 3 })).toBe("3-mal pro Woche");
    expect(on({ type: "every_n_days", n: 2 })).toBe("Jeden zweiten Tag");
    expect(on({ type: "every_n_days", n: 5 })).toBe("Alle 5 Tage");
    expect(on({ type: "times_in_days", times: 2, days: 1 })).toBe("2-mal in 1 Tag");
    expect(on({ type: "weekdays", days: ["mon", "wed", "fri"] })).toMatch(
      /^Am Mo\.?, Mi\.? und Fr\.?$/,
    );
    expect(
      describeSchedule(
        makeHabit({
          kind: "measurable",
          target: 1.5,
          target_type: "at_least",
          unit: "km",
          schedule: { type: "daily" },
        }),
      ),
    ).toBe("Jeden Tag · mindestens 1,5 km");
  });

  it("reads in Arabic with each of its plural forms", async () => {
    i18n.loadAndActivate({ locale: "ar", messages: await loadMessages("ar") });
    const n = (value: number) => number("ar", value);
    expect(on({ type: "daily" })).toBe("كل يوم");
    expect(on({ type: "times_per_week", times: 1 })).toBe("مرة واحدة في الأسبوع");
    expect(on({ type: "times_per_week", times: 2 })).toBe("مرتان في الأسبوع");
    expect(on({ type: "times_per_week", times: 3 })).toBe(`${n(3)} مرات في الأسبوع`);
    expect(on({ type: "every_n_days", n: 3 })).toBe(`كل ${n(3)} أيام`);
    expect(on({ type: "every_n_days", n: 11 })).toBe(`كل ${n(11)} يومًا`);
    expect(on({ type: "every_n_days", n: 100 })).toBe(`كل ${n(100)} يوم`);
    expect(on({ type: "times_in_days", times: 2, days: 7 })).toBe(`مرتان خلال ${n(7)} أيام`);
  });
});
