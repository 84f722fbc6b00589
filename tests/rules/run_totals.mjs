// The phone's day totals (totals.js) of feeds read as JSON from stdin:
// {"feeds": [...], "days": ["YYYY-MM-DD"]} -> perDay rows on stdout. Run with TZ set.
import { perDay } from "../../frontend/static/frontend/js/tracker/totals.js";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { feeds, days } = JSON.parse(input);
process.stdout.write(JSON.stringify(perDay(feeds, days)));
