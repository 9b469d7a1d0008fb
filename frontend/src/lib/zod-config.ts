// Zod compiles object schemas with `new Function` when it can, and probes for it on the first
// parse. Our Content-Security-Policy has no 'unsafe-eval', so the probe fails; the failure is
// caught, but Chromium still reports the CSP violation (a console error, and a lower Lighthouse
// "best practices" score on the login screen). Jitless parsing skips the probe; our forms are
// small enough that the compiled fast path buys nothing. main.tsx imports this module first, so
// it runs before any schema parses.
import { z } from "zod";

z.config({ jitless: true });
