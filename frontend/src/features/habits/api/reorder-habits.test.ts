import { describe, expect, it } from "vitest";
import { moveItem } from "./reorder-habits";

describe("moveItem", () => {
  it("moves an item down and up", () => {
    expect(moveItem(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
  });

  it("ignores moves out of range", () => {
    expect(moveItem(["a", "b"], 1, 2)).toEqual(["a", "b"]);
  });
});
