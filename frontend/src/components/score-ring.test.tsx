import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithProviders as render } from "@/testing/render";
import { ScoreRing } from "./score-ring";

describe("ScoreRing", () => {
  it("labels the score as a percentage", () => {
    render(<ScoreRing score={0.426} />);
    expect(screen.getByRole("img", { name: "Score 43%" })).toBeInTheDocument();
  });

  it("clamps scores outside 0..1", () => {
    render(<ScoreRing score={1.7} />);
    expect(screen.getByRole("img", { name: "Score 100%" })).toBeInTheDocument();
  });
});
