-- Shared by the wrk scenarios of scripts/load.sh: prints one machine-readable line the script turns into the table.
-- Requests, seconds, requests/s, p50 and p99 in ms, non-2xx responses and socket errors.
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50=%.2f p99=%.2f non2xx=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, errors))
end
