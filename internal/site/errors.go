package site

import "errors"

var (
	// ErrNoWasm is returned when web/app.wasm has not been built.
	ErrNoWasm = errors.New("site: app.wasm not built (run: make wasm)")
	// ErrNotSiteDir is returned when the output directory holds files that
	// an earlier build did not write; Build refuses to delete them.
	ErrNotSiteDir = errors.New("site: output directory is not empty and was not written by authdebug build")
)
