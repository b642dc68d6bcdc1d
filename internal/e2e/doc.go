// Package e2e holds the browser tests: they build the authdebug binary with
// the generated site embedded, start `authdebug serve` on a free loopback
// port, and drive Debian's headless Chromium through chromedp.
//
// They run when AUTHDEBUG_BROWSER_TESTS=1 (as `make test` sets after
// `make static`); otherwise they skip, so a plain `go test ./...` needs no
// browser. Screenshots are written to artifacts/ (git-ignored) at the
// repository root, or to $AUTHDEBUG_ARTIFACTS.
package e2e
