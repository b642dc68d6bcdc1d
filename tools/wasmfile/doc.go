// Package wasmfile reads just enough of a WebAssembly binary module to say
// where its bytes go: the sections and their sizes, the function bodies of
// the code section, the data segments, and the function names of the "name"
// custom section, which Go's linker writes unless it is given -ldflags=-s.
//
// The format is the WebAssembly Core Specification 2.0, §5 "Binary Format"
// (https://webassembly.github.io/spec/core/binary/), and its Appendix 7.4
// "Custom Sections: Name Section". Only the standard library is used; the
// parser bounds every count by the bytes left, so a malformed file gives an
// error, never a panic or a huge allocation.
//
// `make size` uses it (through tools/wasmsize) to print how many
// code bytes each Go package adds to app.wasm.
package wasmfile
