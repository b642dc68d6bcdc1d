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
// {now, leeway, aud, iss, require, scope, secret, key, jwks, discover, alg, reveal}.
func installAPI() {
	api := js.Global().Get("Object").New()
	api.Set("inspect", js.FuncOf(inspect))
	api.Set("reportVersion", 1)
	js.Global().Set("authdebug", api)
}

// sigVerifier checks RSA, ECDSA and Ed25519 signatures with WebCrypto for
// both the page and the API; it caches imported keys.
var sigVerifier = newWebCrypto()

func inspect(_ js.Value, args []js.Value) any {
	promise := js.Global().Get("Promise")
	var text string
	if len(args) > 0 && args[0].Type() == js.TypeString {
		text = args[0].String()
	} else {
		return promise.Call("reject", jsError("authdebug.inspect(text, options): text must be a string"))
	}
	var cfg analyze.Config
	if len(args) > 1 && args[1].Truthy() {
		raw := js.Global().Get("JSON").Call("stringify", args[1]).String()
		if err := json.Unmarshal([]byte(raw), &cfg); err != nil {
			return promise.Call("reject", jsError("authdebug.inspect: options: "+err.Error()))
		}
	}
	opts, err := cfg.Options(time.Now())
	if err != nil {
		return promise.Call("reject", jsError("authdebug.inspect: "+err.Error()))
	}
	opts = append(opts, analyze.WithFetcher(browserFetcher{}), analyze.WithVerifier(sigVerifier))
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, res []js.Value) any {
		resolve, reject := res[0], res[1]
		go func() {
			defer executor.Release()
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

func jsError(msg string) js.Value {
	return js.Global().Get("Error").New(msg)
}
