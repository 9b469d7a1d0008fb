import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { i18n } from "@lingui/core";
import { afterEach } from "vitest";

// English from the source itself (outside production builds the macros keep each message's
// text); tests of other languages load their catalogs with lib/i18n's loadMessages.
i18n.loadAndActivate({ locale: "en", messages: {} });

configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  // Node-environment tests (scripts/) have no DOM to clean.
  if (typeof document === "undefined") return;
  cleanup();
  localStorage.clear();
  if (i18n.locale !== "en") i18n.activate("en");
  document.cookie.split(";").forEach((c) => {
    const name = c.split("=")[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
});
