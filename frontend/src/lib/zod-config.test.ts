import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import "./zod-config";

describe("zod-config", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("makes zod jitless", () => {
    expect(z.config().jitless).toBe(true);
  });

  it("parses an object without probing for new Function, which the CSP forbids", () => {
    const probe = vi.fn();
    vi.stubGlobal("Function", probe);
    const schema = z.object({ email: z.email(), password: z.string().min(8) });
    expect(schema.parse({ email: "a@example.com", password: "correct horse" })).toEqual({
      email: "a@example.com",
      password: "correct horse",
    });
    expect(probe).not.toHaveBeenCalled();
  });
});
