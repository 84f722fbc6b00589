// Runs the phone's feed checks (rules.js) on cases read as JSON from stdin:
// {"now": ms, "cases": {name: feed}} -> {name: {errors, codes}} on stdout.
import { feedErrors } from "../../frontend/static/frontend/js/tracker/rules.js";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { now, cases } = JSON.parse(input);
const results = Object.fromEntries(
  Object.entries(cases).map(([name, feed]) => [name, feedErrors(feed, now)]),
);
process.stdout.write(JSON.stringify(results));
