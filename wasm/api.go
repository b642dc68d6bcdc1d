//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"syscall/js"
	"time"

	"github.com/authdebug/authdebug/internal/analyze"
)

// installAPI defines window.authdebug.inspect(text, options): a Promise of
// the Report JSON that `authdebug inspect --json` prints for the same input
// and options. The options object has the CLI flags' names (REPORT.md):
// {now, leeway, aud, iss, require, scope, secret, key, jwks, discover, allow_http, alg, reveal}.
func installAPI() {
	api := js.Global().Get("Object").New()
	api.Set("inspect", js.FuncOf(inspect))
	api.Set("reportVersion", 1)
	js.Global().Set("authdebug", api)
}

// sigVerifier checks RSA, ECDSA and Ed25519 signatures with WebCrypto for
// both the page and the API; it caches imported keys.
var sigVerifier = newWebCrypto()

// inspect is the JS entry point: whatever a page script passes (cyclic or
// BigInt options, throwing getters, no text), it returns a Promise that
// rejects with an Error, and never lets a panic stop the Go program (and
// with it the page).
func inspect(_ js.Value, args []js.Value) (result any) {
	promise := js.Global().Get("Promise")
	reject := func(msg string) any { return promise.Call("reject", jsError("authdebug.inspect: "+msg)) }
	defer func() {
		if v := recover(); v != nil {
			result = reject(fmt.Sprint(v))
		}
	}()
	if len(args) == 0 || typeOf(args[0]) != "string" {
		return reject("authdebug.inspect(text, options): text must be a string")
	}
	text := args[0].String()
	var cfg analyze.Config
	if len(args) > 1 && !args[1].IsUndefined() && !args[1].IsNull() {
		opt := args[1]
		if t := typeOf(opt); t != "object" {
			return reject("options must be an object such as {now: \"2026-11-22T09:00:00Z\"}, not a " + t)
		}
		raw, err := stringify(opt)
		if err != nil {
			return reject("options: " + err.Error())
		}
		if err := json.Unmarshal([]byte(raw), &cfg); err != nil {
			return reject("options: " + err.Error())
		}
	}
	opts, err := cfg.Options(time.Now())
	if err != nil {
		return reject(err.Error())
	}
	opts = append(opts, analyze.WithFetcher(browserFetcher{}), analyze.WithVerifier(sigVerifier))
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, res []js.Value) any {
		resolve, reject := res[0], res[1]
		go func() {
			defer executor.Release()
			defer func() {
				if v := recover(); v != nil {
					reject.Invoke(jsError(fmt.Sprintf("authdebug.inspect: %v", v)))
				}
			}()
			rep, err := analyze.Run(context.Background(), analyze.Input{Text: text}, opts...)
			if err != nil {
				reject.Invoke(jsError("authdebug.inspect: " + err.Error()))
				return
			}
			b, err := json.Marshal(rep)
			if err != nil {
				reject.Invoke(jsError(fmt.Sprintf("authdebug.inspect: encoding the report: %v", err)))
				return
			}
			resolve.Invoke(js.Global().Get("JSON").Call("parse", string(b)))
		}()
		return nil
	})
	return promise.New(executor)
}

// stringify is JSON.stringify(v), with what JS throws (a cyclic object, a
// BigInt, a getter or toJSON that throws) as an error instead of a panic.
func stringify(v js.Value) (s string, err error) {
	defer func() {
		if p := recover(); p != nil {
			if e, ok := p.(js.Error); ok {
				msg, _ := jsMessage(e.Value)
				err = fmt.Errorf("cannot be read as JSON: %s", msg)
				return
			}
			err = fmt.Errorf("cannot be read as JSON: %v", p)
		}
	}()
	raw := js.Global().Get("JSON").Call("stringify", v)
	if t := typeOf(raw); t != "string" {
		return "", fmt.Errorf("cannot be read as JSON (JSON.stringify gave %s)", t)
	}
	return raw.String(), nil
}

// jsMessage is String(v) of a thrown or rejected value ("TypeError: …"
// for an Error); ok is false, and msg "an exception", when even that throws
// (Object.create(null), a toString that throws).
func jsMessage(v js.Value) (msg string, ok bool) {
	defer func() {
		if recover() != nil {
			msg, ok = "an exception", false
		}
	}()
	return js.Global().Get("String").Invoke(v).String(), true
}

// typeOf is JS typeof, with "array" and "null" told apart, without eval
// (the page's Content-Security-Policy forbids new Function): syscall/js's
// Value.Type panics on a type it does not know, such as a BigInt.
func typeOf(v js.Value) (t string) {
	defer func() {
		if recover() != nil {
			t = "bigint"
		}
	}()
	switch {
	case v.IsNull():
		return "null"
	case v.Type() == js.TypeObject && js.Global().Get("Array").Call("isArray", v).Bool():
		return "array"
	}
	return v.Type().String()
}

func jsError(msg string) js.Value {
	return js.Global().Get("Error").New(msg)
}
