//go:build !wasm

package site

import "errors"

var (
	// ErrNoWasm is returned when web/app.wasm has not been built.
	ErrNoWasm = errors.New("site: app.wasm not built (run: make wasm)")
	// ErrNotSiteDir is returned when the output directory holds files that
	// an earlier build did not write; Build refuses to delete them.
	ErrNotSiteDir = errors.New("site: output directory is not empty and was not written by authdebug build")
	// ErrBadBase is returned when Options.Base is not like "/" or "/a/b/".
	ErrBadBase = errors.New("site: base path must look like / or /path/ (letters, digits, - . _ ~)")
	// ErrGenerated is returned when go-app's output does not have the shape
	// Build post-processes (a go-app upgrade changed it).
	ErrGenerated = errors.New("site: unexpected go-app output")
	// ErrNoMarker is returned by ReadInfo for a directory without the marker.
	ErrNoMarker = errors.New("site: no .authdebug-site marker (not written by authdebug build)")
)
