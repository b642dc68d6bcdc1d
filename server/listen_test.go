package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// start serves s on a free loopback port and returns its address and a stop
// function that cancels the context and returns Serve's error.
func start(t *testing.T, s *Server) (addr string, stop func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ctx, ln) }()
	var once sync.Once
	var serr error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case serr = <-errc:
			case <-time.After(10 * time.Second):
				serr = errors.New("Serve did not return")
			}
		})
		return serr
	}
	t.Cleanup(func() { _ = stop() })
	return ln.Addr().String(), stop
}

func TestSlowClientClosed(t *testing.T) {
	s := newTestServer(t, Options{ReadHeaderTimeout: 150 * time.Millisecond, ReadTimeout: 150 * time.Millisecond})
	addr, _ := start(t, s)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// A Slowloris client: the request line and headers trickle in a byte
	// every 40ms, 3 s in all, far past the 150ms read-header timeout.
	req := "GET / HTTP/1.1\r\nHost: authdebug.test\r\nUser-Agent: slow\r\nX-Pad: " + strings.Repeat("a", 20) + "\r\n\r\n"
	closed := make(chan struct{})
	go func() {
		defer close(closed)
		_, _ = io.Copy(io.Discard, conn) // returns when the server closes
	}()
	sent := 0
	for sent < len(req) {
		select {
		case <-closed:
			if sent == len(req) {
				t.Fatal("the server waited for the whole request")
			}
			t.Logf("closed after %d of %d bytes", sent, len(req))
			return // closed while the headers were still arriving
		case <-time.After(40 * time.Millisecond):
		}
		if _, err := conn.Write([]byte{req[sent]}); err != nil {
			t.Logf("write failed after %d of %d bytes: %v", sent, len(req), err)
			return // the server closed the connection
		}
		sent++
	}
	select {
	case <-closed:
		t.Fatalf("the connection stayed open until all %d header bytes were sent", len(req))
	case <-time.After(2 * time.Second):
		t.Fatal("the connection is still open")
	}
}

func TestMaxHeaderBytes(t *testing.T) {
	s := newTestServer(t, Options{MaxHeaderBytes: 1 << 10})
	addr, _ := start(t, s)
	req, _ := http.NewRequest("GET", "http://"+addr+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("b", 8<<10))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("8 KiB header with a 1 KiB limit: %d, want 431", res.StatusCode)
	}
}

// blockingRelay holds requests until release is closed.
type blockingRelay struct {
	started chan struct{}
	release chan struct{}
}

func (b *blockingRelay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	close(b.started)
	<-b.release
	w.Write([]byte("finished"))
}

func TestGracefulShutdown(t *testing.T) {
	relay := &blockingRelay{started: make(chan struct{}), release: make(chan struct{})}
	var log syncBuffer
	s := newTestServer(t, Options{Relay: relay, Log: &log})
	addr, stop := start(t, s)

	type result struct {
		status int
		body   string
		err    error
	}
	done := make(chan result, 1)
	go func() {
		res, err := http.Get("http://" + addr + "/relay")
		if err != nil {
			done <- result{err: err}
			return
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		done <- result{res.StatusCode, string(b), err}
	}()
	<-relay.started

	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	// The listener closes at once: new connections are refused while the
	// request is still in flight.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("still accepting connections after shutdown began")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-stopped:
		t.Fatalf("Serve returned (%v) with a request in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(relay.release)
	r := <-done
	if r.err != nil || r.status != 200 || r.body != "finished" {
		t.Fatalf("in-flight request: %d %q %v, want 200 finished", r.status, r.body, r.err)
	}
	if err := <-stopped; err != nil {
		t.Errorf("Serve after a graceful shutdown: %v", err)
	}
	if !strings.Contains(log.String(), "GET /relay 200 8 ") {
		t.Errorf("the in-flight request was not logged:\n%s", log.String())
	}
}

func TestAddrInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	s := newTestServer(t, Options{})
	err = s.ListenAndServe(context.Background(), ln.Addr().String(), nil)
	if !errors.Is(err, ErrAddrInUse) || !strings.Contains(err.Error(), ln.Addr().String()) || !strings.Contains(err.Error(), "--addr") {
		t.Errorf("ListenAndServe on a taken port: %v", err)
	}
}

func TestListenAndServe(t *testing.T) {
	var log syncBuffer
	s := newTestServer(t, Options{Log: &log, Base: "/tools/"})
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	errc := make(chan error, 1)
	go func() { errc <- s.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { addrc <- a }) }()
	a := <-addrc
	res, err := http.Get("http://" + a.String() + "/tools/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cancel()
	if err := <-errc; err != nil {
		t.Fatalf("ListenAndServe: %v", err)
	}
	first, _, _ := bufio.NewReader(strings.NewReader(log.String())).ReadLine()
	if want := "authdebug: serving on http://" + a.String() + "/tools/"; string(first) != want {
		t.Errorf("first log line %q, want %q", first, want)
	}
	if !strings.Contains(log.String(), "warning: stale.js.br does not decompress") {
		t.Errorf("start-up warnings not logged:\n%s", log.String())
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
