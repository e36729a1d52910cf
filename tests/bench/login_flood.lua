-- wrk script of tests/bench/login_flood.py: POST /auth/login with a wrong password for a
-- made-up username each time (each costs the dummy verification that keeps unknown names
-- indistinguishable, and no per-account lockout ever sees the same name twice), counting the
-- answers by status.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    counts = {}
    sent = 0
    math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
    sent = sent + 1
    local body = string.format('{"username":"flood%d_%d","password":"wrong-password"}',
                               math.random(1, 1000000000), sent)
    return wrk.format("POST", "/auth/login", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("counts")) do
            total[status] = (total[status] or 0) + count
        end
    end
    io.write("STATUS")
    for status, count in pairs(total) do
        io.write(string.format(" %d=%d", status, count))
    end
    io.write(string.format("\nERRORS connect=%d read=%d write=%d timeout=%d status=%d\n",
                           summary.errors.connect, summary.errors.read, summary.errors.write,
                           summary.errors.timeout, summary.errors.status))
    io.write(string.format("LATENCY_US p50=%d p99=%d\n", latency:percentile(50),
                           latency:percentile(99)))
end
