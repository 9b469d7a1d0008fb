-- PUT one day's entry, cycling through the habits (BENCH_HABITS="id:kind,...") and the
-- dates of the past week (BENCH_DATES="YYYY-MM-DD,..."), alternating done/skipped or values.
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "wrk_report.lua")

wrk.method = "PUT"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
wrk.headers["X-CSRFToken"] = os.getenv("BENCH_CSRF")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

local function split(text)
  local parts = {}
  for part in string.gmatch(text or "", "[^,]+") do parts[#parts + 1] = part end
  return parts
end

local habits = {}
for _, item in ipairs(split(os.getenv("BENCH_HABITS"))) do
  local id, kind = item:match("(%d+):(%a+)")
  habits[#habits + 1] = { id = id, kind = kind }
end
local dates = split(os.getenv("BENCH_DATES"))

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local n = 0
function request()
  n = n + 1
  -- Threads start on different habits so they rarely update the same row at once.
  local i = n + (tid or 0) * 7
  local habit = habits[(i % #habits) + 1]
  local day = dates[(math.floor(i / #habits) % #dates) + 1]
  local body
  if habit.kind == "measurable" then
    body = string.format('{"value": %d}', i % 7)
  elseif i % 2 == 0 then
    body = '{"status": "done"}'
  else
    body = '{"status": "skipped"}'
  end
  return wrk.format(nil, "/api/habits/" .. habit.id .. "/entries/" .. day, nil, body)
end

done = report
