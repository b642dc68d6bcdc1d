//go:build !js

// Command wasmsize prints the raw, gzip (-9) and brotli (-q 11) sizes of
// files, as `make size` shows them for web/app.wasm, and checks a brotli
// budget (`make size-check`).
//
//	go run ./tools/wasmsize [-max-brotli BYTES] [-breakdown PKG [-top N]] [-why PATHS] FILE...
//
// With -max-brotli it exits 1 when a file's brotli size exceeds the budget.
// Compressed sizes are remembered by content hash in -cache (default
// .cache/wasmsize, git-ignored): brotli -q 11 of a 12 MB module takes most
// of a minute.
//
// With -breakdown it also builds PKG (the browser entry, ./wasm) once more
// for GOOS=js GOARCH=wasm without -ldflags="-s -w", so the module keeps its
// name section, parses it (package tools/wasmfile) and prints the
// function body bytes per Go package (the top N), totals per dependency
// family (go-app, jwx, golang-jwt, the project's own packages, runtime, the
// rest of the standard library, other modules), and the data segments' size.
// Code bytes are uncompressed; the brotli-9 column compresses each row's
// code on its own, to compare parts; the budget is the whole file at -q 11.
//
// With -why crypto/tls,regexp it builds the package with -ldflags=-dumpdep
// and prints, for each import path, the chain of references by which the
// linker keeps it (often a package initialisation: a package is linked as
// soon as something imports it, whatever calls it).
package main
