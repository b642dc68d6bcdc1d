//go:build js && wasm

package main

import (
	"context"
	"strings"
	"syscall/js"
	"testing"
	"time"
)

// jsEval evaluates a JS expression (hostile values are easier to write in
// JS than to build from Go).
func jsEval(expr string) js.Value {
	return js.Global().Get("Function").New("return (" + expr + ");").Invoke()
}

// settled calls window.authdebug.inspect with args as JS itself would, and
// waits for its promise: ok when it resolved, else whether the rejection is
// an Error and its message.
func settled(t *testing.T, args ...any) (ok bool, value js.Value, isError bool, msg string) {
	t.Helper()
	p := js.Global().Get("authdebug").Call("inspect", args...)
	if p.Type() != js.TypeObject || p.Get("then").Type() != js.TypeFunction {
		t.Fatalf("inspect returned %s, not a Promise", p.Type())
	}
	outcome := js.Global().Get("Function").New("p", `return p.then(
		v => ({ok: true, v}),
		e => ({ok: false, isError: e instanceof Error, msg: String(e && e.message)}))`).Invoke(p)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	r, err := await(ctx, outcome)
	if err != nil {
		t.Fatalf("waiting for inspect: %v", err)
	}
	if r.Get("ok").Bool() {
		return true, r.Get("v"), false, ""
	}
	return false, js.Undefined(), r.Get("isError").Bool(), r.Get("msg").String()
}

const apiToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiaWF0IjoxNzk1MzM3NDAwLCJleHAiOjE3OTUzNDEwMDB9.cbbIy_8ei0vgisV2ksS74rCw8lykefGG_fTWunvu8dM"

// Whatever a page script passes, window.authdebug.inspect answers with a
// Promise that resolves to a Report or rejects with an Error; the Go program
// (and with it the page) keeps running.
func TestInspectHostileArguments(t *testing.T) {
	installAPI()
	tok := `"` + apiToken + `"`
	tests := []struct {
		name    string
		args    []string // JS expressions
		resolve bool
		msg     string // in the rejection's message
	}{
		{"plain", []string{tok, `{now: "2026-11-22T09:00:00Z", secret: "cli-test-secret-0123456789abcdef"}`}, true, ""},
		{"no options", []string{tok}, true, ""},
		{"undefined options", []string{tok, `undefined`}, true, ""},
		{"null options", []string{tok, `null`}, true, ""},
		{"cyclic options", []string{tok, `(() => { const o = {now: "2026-11-22T09:00:00Z"}; o.self = o; return o })()`}, false, "options"},
		{"BigInt option", []string{tok, `{leeway: 10n}`}, false, "BigInt"},
		{"BigInt options", []string{tok, `10n`}, false, "options must be an object"},
		{"Symbol options", []string{tok, `Symbol("x")`}, false, "options must be an object"},
		{"Symbol option value", []string{tok, `{aud: Symbol("x")}`}, true, ""},
		{"function options", []string{tok, `function () {}`}, false, "options must be an object"},
		{"function option value", []string{tok, `{aud: function () {}}`}, true, ""},
		{"getter that throws", []string{tok, `{get now() { throw new Error("boom") }}`}, false, "boom"},
		{"toJSON that throws", []string{tok, `{toJSON() { throw new Error("nope") }}`}, false, "nope"},
		{"toJSON to a string", []string{tok, `{toJSON() { return "x" }}`}, false, "options"},
		{"proxy that throws", []string{tok, `new Proxy({}, {ownKeys() { throw new Error("trap") }})`}, false, "trap"},
		{"number options", []string{tok, `5`}, false, "options must be an object"},
		{"string options", []string{tok, `"now=1"`}, false, "options must be an object"},
		{"false options", []string{tok, `false`}, false, "options must be an object"},
		{"array options", []string{tok, `[1, 2]`}, false, "options must be an object"},
		{"option of the wrong type", []string{tok, `{now: 5}`}, false, "options"},
		{"bad now", []string{tok, `{now: "yesterday"}`}, false, "RFC 3339"},
		{"huge option", []string{tok, `{key: "x".repeat(1 << 20), aud: "a".repeat(1 << 20)}`}, true, ""},
		{"huge text", []string{`"GET / HTTP/1.1\n".repeat(600000)`}, true, ""},
		{"no text", nil, false, "text must be a string"},
		{"undefined text", []string{`undefined`}, false, "text must be a string"},
		{"null text", []string{`null`}, false, "text must be a string"},
		{"number text", []string{`42`}, false, "text must be a string"},
		{"BigInt text", []string{`42n`}, false, "text must be a string"},
		{"object text", []string{`{toString() { throw new Error("x") }}`}, false, "text must be a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := make([]any, len(tt.args))
			for i, a := range tt.args {
				args[i] = jsEval(a)
			}
			ok, v, isError, msg := settled(t, args...)
			switch {
			case tt.resolve && !ok:
				t.Fatalf("rejected: %s", msg)
			case !tt.resolve && ok:
				t.Fatalf("resolved, want a rejection mentioning %q", tt.msg)
			case !tt.resolve && !isError:
				t.Errorf("rejected with a non-Error: %s", msg)
			case !tt.resolve && !strings.Contains(msg, tt.msg):
				t.Errorf("rejection %q does not mention %q", msg, tt.msg)
			case ok && v.Get("version").Int() != 1:
				t.Errorf("resolved to a value that is not a Report")
			}
		})
	}
	// The program is still alive and answers.
	if ok, v, _, msg := settled(t, apiToken, jsEval(`{now: "2026-11-22T09:00:00Z"}`)); !ok || v.Get("tokens").Length() != 1 {
		t.Fatalf("a plain call after the hostile ones failed: %s", msg)
	}
}

// A promise rejected with something that has no toString (or one that
// throws) must not stop the program inside await's callback.
func TestAwaitHostileRejection(t *testing.T) {
	tests := []struct {
		name string
		expr string
		want string
	}{
		{"Error", `Promise.reject(new Error("bad"))`, "bad"},
		{"null prototype", `Promise.reject(Object.create(null))`, "rejected"},
		{"toString throws", `Promise.reject({toString() { throw new Error("x") }})`, "rejected"},
		{"Symbol", `Promise.reject(Symbol("s"))`, "Symbol(s)"},
		{"undefined", `Promise.reject(undefined)`, "rejected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_, err := await(ctx, jsEval(tt.expr))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}
