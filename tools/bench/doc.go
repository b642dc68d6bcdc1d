//go:build !js

// Command bench is `make bench`: it measures authdebug against a floor and a
// peer in one run and prints a Markdown table (also written to
// artifacts/bench.md). Every timing is a median (or a percentile) over
// several runs, next to a baseline measured in the same run, with the ratio
// authdebug ÷ baseline:
//
//   - app.wasm raw, gzip -9 and brotli -q 11 bytes against a Go hello-world
//     wasm built with the same flags, and against the 1.9 MB brotli budget;
//   - time to interactive in headless Chromium on loopback: navigation to the
//     first Report rendered for a pasted token, cold (fresh profile) and warm
//     (second visit, service worker and code cache filled), against a
//     minimal page that loads and runs the hello-world wasm;
//   - paste-to-report latency through window.authdebug.inspect for three
//     fixtures (package internal/bench: a bare RS256 token with a pasted
//     JWKS, a curl -v transcript, a 200-entry HAR), p50 and p95, against the
//     native engine (analyze.Run + JSON encoding) on the same fixtures;
//   - the same token verified with the same JWKS by the npm package jose
//     (createLocalJWKSet + jwtVerify) in the same Chromium;
//   - responsiveness: the bare token's in-page time against one frame
//     (16.7 ms), and for the HAR pasted through the UI, the time to the
//     rendered report, the longest long task and the longest gap between
//     animation frames;
//   - `authdebug inspect --batch --json` throughput over 100,000 RS256
//     tokens, with --key and without, against golang-jwt verifying (or
//     parsing) the same tokens in-process.
//
// Usage (the Makefile builds bin/authdebug with the site embedded first):
//
//	go run ./tools/bench [-runs 5] [-latency-runs 50] [-batch-lines 100000] [-skip-browser] [-skip-batch] [-out artifacts/bench.md]
//
// To compare a variant of app.wasm (other build flags, say), copy
// static/site, put the variant in its web/ directory (without the .br/.gz
// files), and run with -site DIR -wasm DIR/.../app.wasm: the app is then
// served by `authdebug serve --dir DIR`.
//
// The exit status is 1 when a measurement could not be made (the table says
// why), 0 otherwise; the size budget is reported but enforced by
// `make size-check`.
//
// It needs Chromium (-chromium, default /usr/bin/chromium) and, for the jose
// peer, npm (jose is installed once into .cache/npm, git-ignored; without
// npm or the network that row says so). Nothing here is a test: speed is
// never asserted, only measured.
package main
