import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockApi, renderWithProviders } from "@/testing/render";
import { EmailForm } from "./email-form";

async function submit(newEmail: string, password: string) {
  await userEvent.type(screen.getByLabelText("New email"), newEmail);
  await userEvent.type(screen.getByLabelText("Password"), password);
  await userEvent.click(screen.getByRole("button", { name: "Change email" }));
}

describe("EmailForm", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("asks for a confirmation link and says nothing changes until it is opened", async () => {
    const { calls } = mockApi({
      "POST /api/auth/email-change": () => ({
        status: 202,
        body: { detail: "We sent a link to ada@new.example." },
      }),
    });
    renderWithProviders(<EmailForm email="ada@example.com" />);
    expect(screen.getByText(/nothing changes until/)).toBeInTheDocument();
    await submit("ada@new.example", "my password");
    expect(await screen.findByText("We sent a link to ada@new.example.")).toBeInTheDocument();
    expect(calls.at(-1)?.body).toEqual({ new_email: "ada@new.example", password: "my password" });
  });

  it("shows a wrong password next to the password field", async () => {
    mockApi({
      "POST /api/auth/email-change": () => ({
        status: 422,
        body: { detail: [{ loc: ["body", "password"], msg: "The password is not correct." }] },
      }),
    });
    renderWithProviders(<EmailForm email="ada@example.com" />);
    await submit("ada@new.example", "wrong");
    expect(await screen.findByText("The password is not correct.")).toBeInTheDocument();
  });
});
