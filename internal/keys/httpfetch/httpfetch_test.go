//go:build !js

package httpfetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/keys"
)

func TestFetch(t *testing.T) {
	var gotUA, gotCookie, gotAuth atomic.Value
	mux := http.NewServeMux()
	mux.HandleFunc("/jwks", func(w http.ResponseWriter, r *http.Request) {
		gotUA.Store(r.UserAgent())
		gotCookie.Store(r.Header.Get("Cookie"))
		gotAuth.Store(r.Header.Get("Authorization"))
		http.SetCookie(w, &http.Cookie{Name: "s", Value: "1"})
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"keys":[]}`))
	})
	mux.HandleFunc("/again", func(w http.ResponseWriter, r *http.Request) {
		gotCookie.Store(r.Header.Get("Cookie"))
		_, _ = w.Write([]byte(`{}`))
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(strings.Repeat("a", MaxBody+1)))
	})
	mux.HandleFunc("/exact", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(strings.Repeat("a", MaxBody)))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := New()
	ctx := context.Background()

	t.Run("ok", func(t *testing.T) {
		body, err := f.Fetch(ctx, srv.URL+"/jwks")
		if err != nil || string(body) != `{"keys":[]}` {
			t.Fatalf("%q %v", body, err)
		}
		if gotUA.Load() != "authdebug" || gotAuth.Load() != "" {
			t.Errorf("UA %q auth %q", gotUA.Load(), gotAuth.Load())
		}
	})
	t.Run("no cookies kept", func(t *testing.T) {
		if _, err := f.Fetch(ctx, srv.URL+"/again"); err != nil {
			t.Fatal(err)
		}
		if c := gotCookie.Load(); c != "" {
			t.Errorf("cookie sent: %q", c)
		}
	})
	t.Run("404", func(t *testing.T) {
		_, err := f.Fetch(ctx, srv.URL+"/missing")
		var se *keys.StatusError
		if !errors.As(err, &se) || se.Code != 404 || !errors.Is(err, keys.ErrFetch) || !errors.Is(err, keys.ErrStatus) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("1 MiB cap", func(t *testing.T) {
		if _, err := f.Fetch(ctx, srv.URL+"/big"); !errors.Is(err, keys.ErrTooLarge) || !errors.Is(err, keys.ErrFetch) {
			t.Errorf("err = %v", err)
		}
		if b, err := f.Fetch(ctx, srv.URL+"/exact"); err != nil || len(b) != MaxBody {
			t.Errorf("exactly 1 MiB: %d %v", len(b), err)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		if _, err := f.Fetch(ctx, srv.URL+"/slow"); !errors.Is(err, keys.ErrFetch) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("redirect cap", func(t *testing.T) {
		_, err := f.Fetch(ctx, srv.URL+"/loop")
		if !errors.Is(err, keys.ErrFetch) || !strings.Contains(err.Error(), "redirects") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("bad URL", func(t *testing.T) {
		if _, err := f.Fetch(ctx, "ht tp://x"); !errors.Is(err, keys.ErrFetch) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("through Load", func(t *testing.T) {
		_, _, fs := keys.Load(ctx, keys.Material{JWKSURL: srv.URL + "/missing"}, "", keys.Options{Fetcher: f})
		if len(fs) != 1 || fs[0].Code != "keys.fetch_failed" || !strings.Contains(fs[0].Title, "HTTP 404") {
			t.Errorf("findings = %+v", fs)
		}
	})
}
