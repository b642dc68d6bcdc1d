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
	"github.com/authdebug/authdebug/internal/keys/discovery"
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
	// The test server is on 127.0.0.1: these tests opt in to private
	// addresses (TestGuard checks the default).
	f := NewWith(Options{AllowPrivate: true})
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
		var se *discovery.StatusError
		if !errors.As(err, &se) || se.Code != 404 || !errors.Is(err, discovery.ErrFetch) || !errors.Is(err, discovery.ErrStatus) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("1 MiB cap", func(t *testing.T) {
		if _, err := f.Fetch(ctx, srv.URL+"/big"); !errors.Is(err, discovery.ErrTooLarge) || !errors.Is(err, discovery.ErrFetch) {
			t.Errorf("err = %v", err)
		}
		if b, err := f.Fetch(ctx, srv.URL+"/exact"); err != nil || len(b) != MaxBody {
			t.Errorf("exactly 1 MiB: %d %v", len(b), err)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		if _, err := f.Fetch(ctx, srv.URL+"/slow"); !errors.Is(err, discovery.ErrFetch) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("redirect cap", func(t *testing.T) {
		_, err := f.Fetch(ctx, srv.URL+"/loop")
		if !errors.Is(err, discovery.ErrFetch) || !strings.Contains(err.Error(), "redirects") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("bad URL", func(t *testing.T) {
		if _, err := f.Fetch(ctx, "ht tp://x"); !errors.Is(err, discovery.ErrFetch) {
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

// TestGuard: a URL derived from a token (its iss, then the metadata's
// jwks_uri) may not reach loopback, private or metadata addresses unless
// --allow-private; a URL the user typed (--jwks) may.
func TestGuard(t *testing.T) {
	var hits atomic.Int64
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			_, _ = w.Write([]byte(`{"issuer":"` + srv.URL + `","jwks_uri":"` + srv.URL + `/jwks"}`))
		case "/jwks":
			_, _ = w.Write([]byte(`{"keys":[]}`))
		case "/to-metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	cases := []struct {
		name     string
		fetcher  discovery.Fetcher
		material keys.Material
		issuer   string
		wantHits bool
		wantErr  string // in a keys.fetch_failed finding, "" for none
	}{
		{"iss-derived discovery to 127.0.0.1 refused", New(), keys.Material{Discover: true}, srv.URL, false, "--allow-private"},
		{"iss-derived discovery with --allow-private", NewWith(Options{AllowPrivate: true}), keys.Material{Discover: true}, srv.URL, true, ""},
		{"typed --jwks URL on 127.0.0.1 fetched", NewWith(Options{Typed: []string{srv.URL + "/jwks"}}), keys.Material{JWKSURL: srv.URL + "/jwks"}, "", true, ""},
		{"typed URL does not open discovery elsewhere", NewWith(Options{Typed: []string{"https://issuer.example/jwks"}}), keys.Material{Discover: true}, srv.URL, false, "--allow-private"},
		{"localhost by name refused", New(), keys.Material{Discover: true}, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1), false, "--allow-private"},
		{"metadata address refused", New(), keys.Material{JWKSURL: "http://169.254.169.254/latest/meta-data/"}, "", false, "--allow-private"},
		{"typed URL redirecting to metadata refused", NewWith(Options{Typed: []string{srv.URL + "/to-metadata"}}), keys.Material{JWKSURL: srv.URL + "/to-metadata"}, "", true, "--allow-private"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hits.Store(0)
			_, _, fs := keys.Load(ctx, c.material, c.issuer, keys.Options{Fetcher: c.fetcher, AllowHTTP: true, ExpectedIssuer: c.issuer})
			if got := hits.Load() > 0; got != c.wantHits {
				t.Errorf("server hits %d", hits.Load())
			}
			var fail string
			for _, f := range fs {
				if f.Code == "keys.fetch_failed" {
					fail += f.Title + " " + f.Detail + "\n"
				}
			}
			switch {
			case c.wantErr == "" && fail != "":
				t.Errorf("fetch failed: %s", fail)
			case c.wantErr != "" && !strings.Contains(fail, c.wantErr):
				t.Errorf("findings %+v, want a fetch_failed saying %q", fs, c.wantErr)
			}
			if strings.Contains(fail, "169.254.169.254:80") || strings.Contains(fail, "dial tcp") {
				t.Errorf("the finding names the dialled address: %s", fail)
			}
		})
	}
}
