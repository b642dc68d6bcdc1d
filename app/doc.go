// Package ui is the browser face of authdebug: go-app components that render
// the engine's Report (package report) and decide nothing themselves. It lives
// in the app/ directory. It compiles natively too, because go-app prerenders
// the components when the static site is built; browser-only code (syscall/js)
// lives in wasm/.
//
// The page (page.go) holds only what its parts share: the pasted text, the
// keys and expectations (form, turned into an analyze.Config for each run),
// and the last Report. The paste box (pastebox.go) keeps its state in a
// pasteBox the page owns. Analyses run in ctx.Async with a progress callback
// that yields to the browser's event loop, scheduled by the page's runner
// (runner.go: debounce, cancel, staged mounting; analysis.go: what is run);
// a newer run supersedes an older one. verdictBar (the verdict, Copy report,
// the share link) and themeToggle are components with their own state. The
// children render parts of the Report and post actions back:
//
//   - findingsList: findings by severity, each with its fix, evidence and
//     linked references (render.RefURL); selecting one highlights its
//     evidence by Span in the paste box (paint) and by Path in the views
//     (viewPaths, resolvePath).
//   - tokenView: segments, signature status, the timeline (an SVG of iat,
//     nbf, exp, the clocks and the leeway; timelineModel), and the decoded
//     header and payload in their original order with every known claim
//     explained (claimGlossary).
//   - exchangeView: requests and responses, the Authorization scheme and
//     each WWW-Authenticate challenge explained (challenge.DescribeScheme,
//     challenge.DescribeParam).
//   - keysPanel and keysUsed: key material, the JWKS fetch and discovery
//     buttons (the only network requests the page makes, through the fetcher
//     that SetFetcher installs), expectations, and the keys the analysis used.
//   - examplesView: one-click examples (examples/*.txt) with a fixed clock.
//
// Every Render defers guard, which turns a panic into an internal.error box
// with a copyable report, so that the rest of the page keeps working.
//
// "Copy report" copies render.Markdown of the Report. A share link keeps the
// text and the expectations in the URL fragment, redacted (share.go): no JWS
// signature, no JWE content, no password, no secret or key.
//
// Test hooks, read from window properties that only tests set:
// __authdebugFault ("render" makes the findings and token views panic,
// "analyze" makes the engine panic) and __authdebugReport (the JSON of a
// Report to show instead of analysing).
package ui
