// Package web is attain's HTTP door, `attain serve`: a local workbench in the
// browser for the people who judge a district's figures but do not use a
// terminal — the statistics bureau's staff, leaders, the 政府办公室 drafting the
// review. They choose a ruleset (embedded, or an uploaded YAML checked with
// every problem at line:col), download its input template, drop a filled
// template, a bureau table or a city workbook on the page, optionally with a
// 任务分解表 beside it, and read the result there (总览 with the attainment
// chart, 责任单位, 明细, 任务明细 with the progress words of part of the year,
// 数据问题, for a city 排名) or download the scorecard, JSON, CSV, the review
// as text or .docx, and the 督查通报 .docx.
//
// The door adds no judgement of its own. Every answer is made by the calls
// the command line makes — templates/read, eval, templates/view,
// templates/scorecard, the template writer in templates, and rules — through
// one function, Evaluate, whose options mirror the flags of `attain
// evaluate` (a 分解表 is read by WithDuties, the steps of --duties); a test in
// cmd/attain holds the JSON and CSV of POST /api/evaluate byte for byte to
// the command's, and the paragraphs of each .docx to the command's text. The package imports nothing below those
// rooms (no excelize: workbooks are written and read by templates/...).
//
// Contract (docs/serve.md): GET / is the page, POST / the page with a result;
// GET|POST /api/template the input template; POST /api/evaluate (JSON or
// CSV), /api/scorecard (.xlsx), /api/report (review text, or .docx),
// /api/bulletin (the 督查通报, .docx or text), each a multipart form with the
// part file and optional rules, duties, period, units. A bad file is a
// 4xx answer {"error", "problems"} positioned as the command line positions
// it.
//
// Safe by default (server.go, guard.go): the server binds loopback unless
// told otherwise and then requires a token; a token, when set, is checked on
// every request (Authorization: Bearer, or an HttpOnly SameSite=Strict cookie
// set once from the printed /?token=… address), compared in constant time.
// The Host header must name the served address (against DNS rebinding) and a
// POST from another site's page is refused. Uploads are held in memory,
// bounded per request and across requests, and forgotten with the response;
// evaluations run at most GOMAXPROCS at once behind a bounded queue, the rest
// are told 503 in Chinese with Retry-After.
//
// Offline and light: the page, its stylesheet and its few lines of script are
// embedded (go:embed) and nothing is loaded from the network; net/http and
// html/template only. The chart is SVG drawn on the server (chart.go) rather
// than by a JavaScript charting library: there is no script dependency to
// vendor and audit, it prints crisply at any scale, and it shows with scripts
// turned off. Its geometry is computed in decimals, as every figure is, so no
// float enters a value path.
//
// This package may read the clock (the scorecard's date) and the operating
// system; below it nothing does.
package web
