-- GET with the logged-in session: BENCH_COOKIE and BENCH_CSRF come from bench_api.py.
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "wrk_report.lua")

wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
wrk.headers["X-CSRFToken"] = os.getenv("BENCH_CSRF")
wrk.headers["Accept"] = "application/json"

done = report
