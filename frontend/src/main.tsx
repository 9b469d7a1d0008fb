import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "@/app/app";
import { applyTheme } from "@/lib/theme";
import "./index.css";

// Applied before the first render; an inline script in index.html would be
// earlier but the Content-Security-Policy forbids inline scripts.
applyTheme();

const root = document.getElementById("root");
if (!root) throw new Error("index.html must contain #root");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
