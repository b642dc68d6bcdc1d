package netguard

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPublic(t *testing.T) {
	cases := []struct {
		addr string
		want bool
	}{
		{"8.8.8.8", true},
		{"1.1.1.1", true},
		{"2606:4700:4700::1111", true},
		{"64:ff9b::808:808", true},
		{"2002:808:808::1", true},
		{"::ffff:8.8.8.8", true},
		{"168.63.129.15", true},
		{"2001:30::1", true},
		{"127.0.0.1", false},
		{"127.8.8.8", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"fc00::1", false},
		{"fd12:3456::1", false},
		{"169.254.169.254", false},
		{"169.254.1.1", false},
		{"fe80::1", false},
		{"fe80::1%eth0", false},
		{"100.64.0.1", false},
		{"100.100.100.200", false},
		{"224.0.0.1", false},
		{"ff02::1", false},
		{"0.0.0.0", false},
		{"0.1.2.3", false},
		{"::", false},
		{"255.255.255.255", false},
		{"240.0.0.1", false},
		{"192.0.2.1", false},
		{"198.51.100.7", false},
		{"203.0.113.7", false},
		{"198.18.0.1", false},
		{"192.0.0.192", false},
		{"2001:db8::1", false},
		{"::ffff:10.0.0.1", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:169.254.169.254", false},
		{"::ffff:0:0", false},
		{"::7f00:1", false},
		{"64:ff9b::7f00:1", false},
		{"64:ff9b:1::a00:1", false},
		{"2002:7f00:1::1", false},
		{"fd00:ec2::254", false},
		{"2001::1", false},
		{"100::1", false},
		{"fec0::1", false},
		// New in this package: ORCHID, ORCHIDv2 and the Azure wire server.
		{"2001:10::1", false},
		{"2001:1f:ffff::1", false},
		{"2001:20::1", false},
		{"2001:2f:ffff::1", false},
		{"168.63.129.16", false},
		{"::ffff:168.63.129.16", false},
	}
	for _, c := range cases {
		t.Run(c.addr, func(t *testing.T) {
			if got := Public(netip.MustParseAddr(c.addr)); got != c.want {
				t.Errorf("Public(%s) = %v, want %v", c.addr, got, c.want)
			}
		})
	}
	t.Run("invalid", func(t *testing.T) {
		if Public(netip.Addr{}) {
			t.Error("the zero Addr is public")
		}
	})
}

func TestBlockedHost(t *testing.T) {
	cases := []struct {
		host string
		want bool
	}{
		{"localhost", true},
		{"LOCALHOST.", true},
		{"a.localhost", true},
		{"metadata.google.internal", true},
		{"metadata", true},
		{"printer.local", true},
		{"issuer.example", false},
		{"login.microsoftonline.com", false},
	}
	for _, c := range cases {
		t.Run(c.host, func(t *testing.T) {
			if got := BlockedHost(c.host); got != c.want {
				t.Errorf("BlockedHost(%q) = %v, want %v", c.host, got, c.want)
			}
		})
	}
}

type fakeResolver map[string][]netip.Addr

func (f fakeResolver) LookupNetIP(_ context.Context, _ string, host string) ([]netip.Addr, error) {
	if a, ok := f[host]; ok {
		return a, nil
	}
	return nil, errors.New("no such host")
}

func TestDialer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	at := func(h string) string { return net.JoinHostPort(h, itoa(port)) }
	res := fakeResolver{"rebind.example": {netip.MustParseAddr("127.0.0.1")}, "empty.example": {}}
	cases := []struct {
		name    string
		d       *Dialer
		addr    string
		wantErr error
	}{
		{"loopback IP refused", &Dialer{Resolver: res}, at("127.0.0.1"), ErrForbidden},
		{"name resolving to loopback refused", &Dialer{Resolver: res}, at("rebind.example"), ErrForbidden},
		{"localhost refused by name", &Dialer{Resolver: res}, at("localhost"), ErrForbidden},
		{"no address", &Dialer{Resolver: res}, at("empty.example"), ErrNoAddress},
		{"allowed by policy", &Dialer{Resolver: res, Allow: func(netip.AddrPort) bool { return true }}, at("rebind.example"), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.d.Timeout = time.Second
			conn, err := c.d.DialContext(context.Background(), "tcp", c.addr)
			if conn != nil {
				conn.Close()
			}
			if c.wantErr == nil && err != nil || c.wantErr != nil && !errors.Is(err, c.wantErr) {
				t.Fatalf("err = %v, want %v", err, c.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "127.0.0.1") && !strings.Contains(c.addr, "127.0.0.1") {
				t.Errorf("the error names the resolved address: %v", err)
			}
		})
	}
	t.Run("control checks the dialled address", func(t *testing.T) {
		d := &Dialer{}
		for addr, ok := range map[string]bool{
			"8.8.8.8:443": true, "[2606:4700:4700::1111]:443": true,
			"127.0.0.1:443": false, "[::1]:443": false, "169.254.169.254:80": false, "[fd00:ec2::254]:80": false,
			"10.0.0.1:443": false, "[::ffff:192.168.0.1]:443": false, "168.63.129.16:80": false, "garbage": false,
		} {
			if err := d.Control("tcp", addr, nil); (err == nil) != ok {
				t.Errorf("Control(%s) = %v, want allowed=%v", addr, err, ok)
			}
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }
