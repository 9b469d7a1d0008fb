import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Dialog } from "./dialog";

describe("Dialog", () => {
  it("renders nothing when closed", () => {
    render(
      <Dialog open={false} title="Hello" onClose={() => undefined}>
        body
      </Dialog>,
    );
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("is labelled by its title, focuses its first control and closes on Escape", async () => {
    const onClose = vi.fn();
    render(
      <Dialog open title="Delete habit?" onClose={onClose}>
        <button type="button">Delete</button>
      </Dialog>,
    );
    expect(screen.getByRole("dialog", { name: "Delete habit?" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Delete" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalled();
  });

  it("focuses the control marked data-autofocus, such as a safe Cancel", () => {
    render(
      <Dialog open title="Delete habit?" onClose={() => undefined}>
        <button type="button">Delete</button>
        <button type="button" data-autofocus>
          Cancel
        </button>
      </Dialog>,
    );
    expect(screen.getByRole("button", { name: "Cancel" })).toHaveFocus();
  });
});
