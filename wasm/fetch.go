//go:build js && wasm

package main

import (
	"context"
	"fmt"
	"sync"
	"syscall/js"
	"time"

	"github.com/authdebug/authdebug/internal/keys/discovery"
)

// fetchTimeout bounds one JWKS or discovery fetch.
const fetchTimeout = 10 * time.Second

// browserFetcher fetches with the page's own window.fetch: no net/http in
// app.wasm (DESIGN.md principle 6), no cookies, no referrer. When the fetch
// fails, a second no-cors probe tells CORS (the server answered, the browser
// hid the answer) from a network failure (nothing answered).
type browserFetcher struct{}

func (browserFetcher) Fetch(ctx context.Context, url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	resp, err := doFetch(ctx, url, "cors")
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w: %s: timed out after %s", discovery.ErrFetch, url, fetchTimeout)
		}
		if _, perr := doFetch(ctx, url, "no-cors"); perr == nil {
			return nil, fmt.Errorf("%w: %s answered, but without an Access-Control-Allow-Origin header that lets this page read it", discovery.ErrCORS, url)
		}
		return nil, fmt.Errorf("%w: %s: %v (network error, wrong host, or blocked by the page's Content-Security-Policy)", discovery.ErrFetch, url, err)
	}
	if status := resp.Get("status").Int(); status < 200 || status > 299 {
		return nil, fmt.Errorf("%s: %w", url, &discovery.StatusError{Code: status})
	}
	if n := resp.Get("headers").Call("get", "content-length"); n.Type() == js.TypeString {
		var size int
		if _, err := fmt.Sscan(n.String(), &size); err == nil && size > discovery.MaxBody {
			return nil, fmt.Errorf("%w: %s is %d bytes", discovery.ErrTooLarge, url, size)
		}
	}
	buf, err := await(ctx, resp.Call("arrayBuffer"))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: reading the body: %v", discovery.ErrFetch, url, err)
	}
	arr := js.Global().Get("Uint8Array").New(buf)
	if n := arr.Length(); n > discovery.MaxBody {
		return nil, fmt.Errorf("%w: %s is %d bytes", discovery.ErrTooLarge, url, n)
	}
	b := make([]byte, arr.Length())
	js.CopyBytesToGo(b, arr)
	return b, nil
}

// doFetch calls window.fetch with an AbortController bound to ctx.
func doFetch(ctx context.Context, url, mode string) (js.Value, error) {
	ctrl := js.Global().Get("AbortController").New()
	stop := context.AfterFunc(ctx, func() { ctrl.Call("abort") })
	defer stop()
	init := map[string]any{
		"method":         "GET",
		"mode":           mode,
		"credentials":    "omit",
		"cache":          "no-store",
		"redirect":       "follow",
		"referrerPolicy": "no-referrer",
		"signal":         ctrl.Get("signal"),
		"headers":        map[string]any{"Accept": "application/json"},
	}
	if mode == "no-cors" {
		delete(init, "headers") // only CORS-safelisted requests in no-cors mode
	}
	return await(ctx, js.Global().Call("fetch", url, init))
}

// await waits for a JS promise without blocking the event loop. The
// callbacks release themselves when the promise settles, even if ctx ended
// first.
func await(ctx context.Context, p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	var then, catch js.Func
	var once sync.Once
	settle := func(r result) {
		once.Do(func() {
			ch <- r
			go func() { then.Release(); catch.Release() }()
		})
	}
	then = js.FuncOf(func(_ js.Value, args []js.Value) any {
		var v js.Value
		if len(args) > 0 {
			v = args[0]
		}
		settle(result{v: v})
		return nil
	})
	catch = js.FuncOf(func(_ js.Value, args []js.Value) any {
		// The rejection reason may be anything: Object.create(null), an
		// object whose toString throws. A panic here would stop the program.
		msg := "rejected"
		defer func() {
			if recover() != nil {
				settle(result{err: fmt.Errorf("rejected")})
			}
		}()
		if len(args) > 0 && !args[0].IsUndefined() && !args[0].IsNull() {
			if m, ok := jsMessage(args[0]); ok {
				msg = m
			}
		}
		settle(result{err: fmt.Errorf("%s", msg)})
		return nil
	})
	p.Call("then", then, catch)
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}
