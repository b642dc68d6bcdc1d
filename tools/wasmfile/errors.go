package wasmfile

import "errors"

// ErrNotWasm is returned when the input does not start with the wasm magic
// number and version 1.
var ErrNotWasm = errors.New("wasmfile: not a WebAssembly binary module (version 1)")

// ErrMalformed is returned, wrapped with the offset and what was being read,
// when the module is truncated or inconsistent.
var ErrMalformed = errors.New("wasmfile: malformed module")
