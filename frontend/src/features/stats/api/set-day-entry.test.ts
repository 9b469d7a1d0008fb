import { describe, expect, it } from "vitest";
import { nextStatus } from "./set-day-entry";

describe("nextStatus", () => {
  it("cycles empty, done, skipped and back", () => {
    expect(nextStatus(undefined)).toBe("done");
    expect(nextStatus(null)).toBe("done");
    expect(nextStatus("done")).toBe("skipped");
    expect(nextStatus("skipped")).toBeNull();
  });
});
