-- wrk script: POST one proposal (the file named by $BODY) to the evaluation endpoint, again and again.
local file = assert(io.open(os.getenv("BODY") or "examples/507/eligible-tielt-pittem.json", "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
