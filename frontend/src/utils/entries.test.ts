import { describe, expect, it } from "vitest";
import { dayLimit, isEntryDone, mergeEntry } from "./entries";

const yesNo = { kind: "boolean" as const, target: 1, target_type: "at_least" as const };
const water = { kind: "measurable" as const, target: 8, target_type: "at_least" as const };
const sweets = { kind: "measurable" as const, target: 2, target_type: "at_most" as const };
const D = "2025-06-01";

describe("mergeEntry", () => {
  it("keeps the note when the status changes", () => {
    const previous = { date: D, status: "skipped" as const, value: null, note: "sick" };
    expect(mergeEntry(yesNo, D, previous, { status: "done" })).toEqual({
      date: D,
      status: "done",
      value: null,
      note: "sick",
    });
  });

  it("keeps the status when only the note changes", () => {
    const previous = { date: D, status: "done" as const, value: null, note: "" };
    expect(mergeEntry(yesNo, D, previous, { note: "easy" })?.status).toBe("done");
  });

  it("deletes a day left with nothing in it", () => {
    const previous = { date: D, status: "done" as const, value: null, note: "" };
    expect(mergeEntry(yesNo, D, previous, { status: null })).toBeNull();
    expect(mergeEntry(yesNo, D, previous, null)).toBeNull();
  });

  it("never sends status done for a measurable habit", () => {
    expect(mergeEntry(water, D, null, { value: 9 })).toEqual({
      date: D,
      status: null,
      value: 9,
      note: "",
    });
  });
});

describe("isEntryDone", () => {
  it("reads done from the status or from the value against the target", () => {
    expect(isEntryDone(yesNo, { date: D, status: "done", value: null, note: "" })).toBe(true);
    expect(isEntryDone(water, { date: D, status: null, value: 8, note: "" })).toBe(true);
    expect(isEntryDone(water, { date: D, status: null, value: 7, note: "" })).toBe(false);
    expect(isEntryDone(sweets, { date: D, status: null, value: 1, note: "" })).toBe(true);
    expect(isEntryDone(water, { date: D, status: "done", value: null, note: "" })).toBe(true);
    expect(isEntryDone(water, { date: D, status: "skipped", value: 9, note: "" })).toBe(false);
    expect(isEntryDone(water, null)).toBe(false);
  });
});

describe("dayLimit", () => {
  it("counts nothing logged as within an at-most limit, except before the start", () => {
    expect(dayLimit(sweets, null)).toBe("within");
    expect(isEntryDone(sweets, null)).toBe(true);
    expect(dayLimit(sweets, null, { beforeStart: true })).toBeNull();
    expect(isEntryDone(sweets, null, { beforeStart: true })).toBe(false);
  });

  it("says when a day is over the limit, and has no limit for skipped days or other habits", () => {
    expect(dayLimit(sweets, { date: D, status: null, value: 2, note: "" })).toBe("within");
    expect(dayLimit(sweets, { date: D, status: null, value: 3, note: "" })).toBe("over");
    expect(isEntryDone(sweets, { date: D, status: null, value: 3, note: "" })).toBe(false);
    expect(dayLimit(sweets, { date: D, status: "skipped", value: null, note: "" })).toBeNull();
    expect(dayLimit(water, null)).toBeNull();
    expect(dayLimit(yesNo, null)).toBeNull();
  });
});
