// Package ui is the browser face of authdebug: go-app components that render
// the engine's Report (package report) and decide nothing themselves. It lives
// in the app/ directory. It compiles natively too, because go-app prerenders
// the components when the static site is built; browser-only code (syscall/js)
// lives in wasm/.
package ui
