import { describe, expect, it } from "vitest";
import { currentZoneName, timezoneOptions } from "./timezones";

describe("time zones", () => {
  it("names renamed zones by their current IANA name", () => {
    expect(currentZoneName("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(currentZoneName("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(currentZoneName("Europe/Paris")).toBe("Europe/Paris");
  });

  it("offers current names only, sorted, with UTC first", () => {
    // What Chromium's Intl.supportedValuesOf("timeZone") answers.
    const chromium = ["Asia/Calcutta", "Asia/Tokyo", "Europe/Kiev", "Europe/Berlin"];
    expect(timezoneOptions("", chromium)).toEqual([
      "UTC",
      "Asia/Kolkata",
      "Asia/Tokyo",
      "Europe/Berlin",
      "Europe/Kyiv",
    ]);
  });

  it("keeps a saved zone the browser does not list", () => {
    expect(timezoneOptions("America/Ciudad_Juarez", ["Europe/Berlin"])).toContain(
      "America/Ciudad_Juarez",
    );
    expect(timezoneOptions("Asia/Calcutta", [])).toEqual(["UTC", "Asia/Kolkata"]);
  });
});
