-- GET with a personal API token, as a script sends it: BENCH_TOKEN comes from bench_tokens.py.
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "wrk_report.lua")

wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"

done = report
