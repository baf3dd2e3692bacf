-- wrk script: authenticated nomination submissions through the page form, each a real write
-- with its audit entry. COOKIE, CSRF and SUBMIT_PATH come from bench/web/run.
local cookie = os.getenv("COOKIE")
local csrf = os.getenv("CSRF")
local path = os.getenv("SUBMIT_PATH")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local n = 0
function request()
  n = n + 1
  local body = "csrf=" .. csrf .. "&kind=individual&name_en=Load+" .. tid .. "-" .. n
    .. "&name_zh=&country=DE&field=physics&categories=joint_research"
    .. "&citation_en=For+joint+research+in+physics."
  return wrk.format("POST", path, {
    ["Cookie"] = cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
