// Package bench holds the inputs `make bench` measures and the Go
// benchmarks of the native engine over them (`go test -bench . ./internal/bench/`).
//
// The fixtures are deterministic: a committed RSA-2048 key
// (testdata/rsa2048.key.pem, used for nothing else) signs RS256 tokens
// (RFC 7515 §A.2, RFC 7518 §3.3) whose claims (RFC 7519 §4.1) are fixed
// relative to the clock Now; its public half is given as a JWK Set
// (RFC 7517 §5). The three inputs are a bare token, a `curl -v` transcript
// of a 401 with a Bearer challenge (RFC 6750 §3) and a 200-entry HAR 1.2
// export. The browser harness (tools/bench) feeds the same texts
// and options to window.authdebug.inspect, so the wasm and native figures
// compare like with like.
package bench
