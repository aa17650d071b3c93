-- wrk script for every load run of `make bench`.
-- BENCH_COOKIE:   a Cookie header for every request (a Klärung session, for example).
-- BENCH_BODY:     every request is a form POST with this urlencoded body.
-- BENCH_REQUESTS: a file of prepared POSTs, one "cookie<TAB>body" per line, each sent once (a
--                 contact request can be sent only once per visitor). When BENCH_EXPECTED of them are
--                 answered, the script prints "BENCH_ALL_SENT" and bench/load.py stops wrk with SIGINT;
--                 the spare lines after them keep the connections busy with real sends until then.
-- For POSTs the answers' status codes are counted: a 429, or a 200 that shows the form again, is no send.
-- done() prints one line "BENCH_RESULT {json}" that bench/load.py reads.
local cookie = os.getenv("BENCH_COOKIE")
local body = os.getenv("BENCH_BODY")
local list = os.getenv("BENCH_REQUESTS")

statuses = {}

answered = 0
local expected = nil  -- the number of prepared POSTs, when there is a list

local function count_statuses()
  function response(status, headers, response_body)
    statuses[status] = (statuses[status] or 0) + 1
    answered = answered + 1
    if answered == expected then
      io.write("BENCH_ALL_SENT\n")
      io.flush()
    end
  end
end

local function form_post()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  count_statuses()
end

if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

if list and list ~= "" then
  local items = {}
  for line in io.lines(list) do
    local item_cookie, item_body = line:match("^([^\t]*)\t(.*)$")
    if item_cookie then
      items[#items + 1] = { item_cookie, item_body }
    end
  end
  local index = 0
  expected = tonumber(os.getenv("BENCH_EXPECTED")) or #items
  form_post()
  function request()
    index = index + 1
    local item = items[math.min(index, #items)]
    wrk.headers["Cookie"] = item[1]
    return wrk.format(nil, nil, nil, item[2])
  end
elseif body and body ~= "" then
  form_post()
  wrk.body = body
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local counted = {}
  for status, count in pairs(totals) do
    counted[#counted + 1] = string.format('"%d":%d', status, count)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"mean_us":%.1f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"statuses":{%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout, table.concat(counted, ",")))
end
