package deploy

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"
)

// ErrNoNginx is returned by FindNginx when nginx is not installed.
var ErrNoNginx = errors.New("deploy: nginx is not installed (Debian package nginx)")

// FindNginx returns the path of the nginx binary.
func FindNginx() (string, error) {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p, nil
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx", nil
	}
	return "", ErrNoNginx
}

// Nginx is an nginx process serving a site with the shipped configuration,
// for tests and the benchmark.
type Nginx struct {
	// URL is http://ADDR, without the site's base path.
	URL string
	// Prefix is nginx's private directory (configuration, logs, temp files).
	Prefix string

	cmd    *exec.Cmd
	out    lockedBuffer
	exited chan struct{}
	once   sync.Once
}

// StartNginx runs nginx in the foreground with nginx.conf set up to serve
// root (whose base is base) on a free loopback port, its files under prefix,
// and waits until it accepts connections. accessLog false turns the access
// log off. Stop it with Stop.
func StartNginx(root, base, prefix string, accessLog bool) (*Nginx, error) {
	bin, err := FindNginx()
	if err != nil {
		return nil, err
	}
	// nginx resolves a relative root against its prefix, not our directory.
	if root, err = filepath.Abs(root); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	p := NginxParams{
		Listen: addr, Root: root, Base: base,
		Pid: filepath.Join(prefix, "nginx.pid"), ErrorLog: filepath.Join(prefix, "error.log"),
		TempDir: prefix,
	}
	if accessLog {
		p.AccessLog = filepath.Join(prefix, "access.log")
	}
	if os.Geteuid() == 0 {
		p.Extra = "user root;" // workers must read private temp directories
	}
	conf, err := NginxConfig(p)
	if err != nil {
		return nil, err
	}
	confPath := filepath.Join(prefix, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		return nil, err
	}
	n := &Nginx{URL: "http://" + addr, Prefix: prefix, exited: make(chan struct{})}
	n.cmd = exec.Command(bin, "-p", prefix, "-c", confPath, "-g", "daemon off;")
	n.cmd.Stdout, n.cmd.Stderr = &n.out, &n.out
	if err := n.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { _ = n.cmd.Wait(); close(n.exited) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case <-n.exited:
			elog, _ := os.ReadFile(p.ErrorLog)
			return nil, fmt.Errorf("nginx exited: %s%s", n.out.String(), elog)
		default:
		}
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return n, nil
		}
		if time.Now().After(deadline) {
			n.Stop()
			return nil, fmt.Errorf("nginx did not listen on %s: %s", addr, n.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Output returns what nginx wrote to its standard output and error so far
// (start-up warnings about the configuration land there).
func (n *Nginx) Output() string { return n.out.String() }

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Stop asks nginx to quit (SIGINT: fast shutdown) and waits, killing it
// after 5 s.
func (n *Nginx) Stop() {
	n.once.Do(func() {
		_ = n.cmd.Process.Signal(os.Interrupt)
		select {
		case <-n.exited:
		case <-time.After(5 * time.Second):
			_ = n.cmd.Process.Kill()
			<-n.exited
		}
	})
}
