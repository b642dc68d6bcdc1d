package analyze

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/keys/gocrypto"
)

// A superseded analysis in the page is cancelled: Run must stop at the next
// step instead of running to the end.
func TestRunStopsWhenCancelled(t *testing.T) {
	tok := rs256(rsHeader, access(nil))
	other := rs256(map[string]any{"alg": "RS256", "kid": "k2"}, access(map[string]any{"sub": "user-43"}))
	entries := make([]string, 0, 20)
	for i := 0; i < 20; i++ {
		entries = append(entries, `{"request":{"method":"GET","url":"https://api.example.com/v1/orders/`+strings.Repeat("x", i)+`","httpVersion":"h2","headers":[],"cookies":[],"queryString":[]},"response":{"status":401,"statusText":"","httpVersion":"h2","headers":[],"cookies":[],"content":{"size":0}}}`)
	}
	har := `{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"entries":[` + strings.Join(entries, ",") + `]}}`

	tests := []struct {
		name string
		text string
		// cancelAt cancels from the progress callback at that step (0: not there).
		cancelAt int
		// before cancels before Run starts.
		before bool
		// inFetch cancels from inside the key fetch.
		inFetch bool
	}{
		{name: "cancelled before Run", text: tok + "\n" + other, before: true},
		{name: "cancelled by the key fetch", text: tok + "\n" + other, inFetch: true},
		{name: "cancelled between HAR entries", text: har, cancelAt: 2},
		{name: "cancelled between parts", text: tok + "\n" + other + "\n" + getWith2("Authorization: Bearer "+tok), cancelAt: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cancelled := false
			stop := func() { cancel(); cancelled = true }
			if tt.before {
				stop()
			}
			stepsAfter, fetches := 0, 0
			progress := func(done, total int) {
				if cancelled {
					stepsAfter++
					return
				}
				if done == tt.cancelAt {
					stop()
				}
			}
			f := fetcherFunc(func(ctx context.Context, url string) ([]byte, error) {
				fetches++
				if tt.inFetch {
					stop()
					return nil, ctx.Err()
				}
				return []byte(jwks("k1", "k2")), nil
			})
			rep, err := Run(ctx, Input{Text: tt.text}, WithNow(now), WithVerifier(gocrypto.New()),
				WithJWKSURL("https://login.example.com/jwks.json"), WithFetcher(f), WithProgress(progress))
			if !cancelled {
				t.Fatal("the test never cancelled")
			}
			if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrCanceled) {
				t.Errorf("err = %v, want one wrapping ErrCanceled and context.Canceled", err)
			}
			if stepsAfter != 0 {
				t.Errorf("%d steps ran after the cancellation", stepsAfter)
			}
			if tt.before && fetches != 0 {
				t.Errorf("%d key fetches after the cancellation", fetches)
			}
			if len(rep.Findings) != 0 || rep.Verdict != "" {
				t.Errorf("a cancelled Run returned a (half) report: %v %q", rep.Codes(), rep.Verdict)
			}
		})
	}
}

// A context that ends with a deadline is reported as such, and a Run whose
// context stays alive returns its Report and no error.
func TestRunErrors(t *testing.T) {
	tok := rs256(rsHeader, access(nil))
	expired, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	tests := []struct {
		name    string
		ctx     context.Context
		want    error
		wantRep bool
	}{
		{"alive", context.Background(), nil, true},
		{"deadline", expired, context.DeadlineExceeded, false},
		{"nil context", nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Run(tt.ctx, Input{Text: tok}, WithNow(now), WithKeyText(jwks("k1")), WithVerifier(gocrypto.New()))
			switch {
			case tt.want == nil && err != nil:
				t.Errorf("err = %v", err)
			case tt.want != nil && (!errors.Is(err, tt.want) || !errors.Is(err, ErrCanceled)):
				t.Errorf("err = %v, want %v and ErrCanceled", err, tt.want)
			}
			if got := len(rep.Tokens) == 1 && rep.Verdict != ""; got != tt.wantRep {
				t.Errorf("report present = %v, want %v: %v", got, tt.wantRep, rep.Codes())
			}
		})
	}
}
