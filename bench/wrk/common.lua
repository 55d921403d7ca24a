-- Shared by the bench scripts (loaded with dofile). Each wrk thread gets a number (tid, from 1)
-- and the run ends with one machine-readable RESULT line that bench/run.sh reads.
threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function data_file(name)
  return (os.getenv("BENCH_DATA") or ".") .. "/" .. name
end

function read_lines(name)
  local lines = {}
  for line in io.lines(data_file(name)) do
    if line ~= "" then table.insert(lines, line) end
  end
  return lines
end

function json_headers()
  return { ["Content-Type"] = "application/json" }
end

function result(summary, latency)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d socket=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.status + e.connect + e.read + e.write + e.timeout,
    e.status, e.connect + e.read + e.write + e.timeout))
end

function done(summary, latency, requests)
  result(summary, latency)
end
