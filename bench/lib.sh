# Shared by the benchmark commands: wrk's summary and a nominator's signed-in form session.

# wrk's summary as "rps p50_ms p99_ms errors requests"; the report is appended to $out/wrk.log.
measure() {
  local report
  report=$(wrk -t2 -c32 -d"$duration" --latency "$@" 2>&1)
  echo "$report" >> "$out/wrk.log"
  echo "$report" | awk '
    function to_ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
      return v
    }
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = to_ms($2) }
    /^ +99%/ { p99 = to_ms($2) }
    /requests in/ { total = $1 }
    /Non-2xx or 3xx responses:/ { errors += $5 }
    /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, errors, total }'
}

# Signs the demo nominator in through the form at BASE and prints "session cycle csrf": the
# session cookie, the demo cycle, and the CSRF token its nomination form carries.
sign_in_nominator() {
  local base="$1" jar="$out/cookies.txt" login form_csrf session cycle csrf
  rm -f "$jar"
  login=$(curl -s -c "$jar" "$base/login")
  form_csrf=$(echo "$login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null \
    --data-urlencode "csrf=$form_csrf" --data-urlencode "email=nominator@demo.laureate" \
    --data-urlencode "password=laureate-demo-2026" "$base/login"
  session=$(awk '$6 == "laureate_session" { print $7 }' "$jar")
  # The International Cooperation Award's cycle taking nominations: submit.lua fills its form
  # (the other programs' forms ask for other fields).
  cycle=$(curl -s "$base/api/v1/cycles" | python3 -c 'import json, sys
print(next(c["id"] for c in json.load(sys.stdin)["items"] if c["program"] == "istc" and c["phase"] == "nomination"))')
  csrf=$(curl -s -b "$jar" "$base/cycles/$cycle/nominations/new" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  echo "$session $cycle $csrf"
}
