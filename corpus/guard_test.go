package corpus

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/crisisbot/crisisbot/errs"
)

func TestBlockedRange(t *testing.T) {
	tests := []struct {
		ip   string
		want string
	}{
		{"127.0.0.1", "loopback"},
		{"127.255.0.9", "loopback"},
		{"::1", "loopback"},
		{"::ffff:127.0.0.1", "loopback"},
		{"10.1.2.3", "private"},
		{"172.16.0.1", "private"},
		{"172.31.255.255", "private"},
		{"192.168.1.1", "private"},
		{"fc00::1", "private"},
		{"fd12:3456::1", "private"},
		{"::ffff:10.0.0.1", "private"},
		{"64:ff9b::a00:1", "private"}, // NAT64 form of 10.0.0.1
		{"169.254.169.254", "link-local"},
		{"fe80::1", "link-local"},
		{"fe80::1%eth0", "link-local"},
		{"0.0.0.0", "unspecified"},
		{"0.1.2.3", "unspecified"},
		{"::", "unspecified"},
		{"224.0.0.1", "multicast"},
		{"ff02::1", "multicast"},
		{"100.64.0.1", "carrier-grade NAT"},
		{"100.127.255.254", "carrier-grade NAT"},
		{"255.255.255.255", "broadcast"},
		// Public addresses, including the neighbours of blocked ranges.
		{"8.8.8.8", ""},
		{"172.32.0.1", ""},
		{"172.15.255.255", ""},
		{"100.63.255.255", ""},
		{"100.128.0.1", ""},
		{"192.169.0.1", ""},
		{"2001:4860:4860::8888", ""},
		{"::ffff:8.8.8.8", ""},
		{"64:ff9b::808:808", ""}, // NAT64 form of 8.8.8.8
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			if got := blockedRange(netip.MustParseAddr(tt.ip)); got != tt.want {
				t.Errorf("blockedRange(%s) = %q, want %q", tt.ip, got, tt.want)
			}
		})
	}
}

func TestGuardControl(t *testing.T) {
	tests := []struct {
		address string
		want    string // "" means allowed
	}{
		{"93.184.215.14:443", ""},
		{"[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:80", ""},
		{"127.0.0.1:8080", "refused to connect to 127.0.0.1 (loopback address)"},
		{"[::ffff:192.168.0.1]:80", "refused to connect to ::ffff:192.168.0.1 (private address)"},
		{"[fe80::1%eth0]:80", "refused to connect to fe80::1 (link-local address)"},
		{"not-an-address", "refused to connect to not-an-address (unparsable address)"},
	}
	for _, tt := range tests {
		t.Run(tt.address, func(t *testing.T) {
			err := guardControl("tcp", tt.address, nil)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused a public address: %v", err)
				}
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if !errors.Is(err, ErrBlockedAddress) {
				t.Errorf("%v is not ErrBlockedAddress", err)
			}
		})
	}
}

// TestFetchRefusesLoopback: the default Fetcher refuses the loopback test
// server, by IP and by a name that resolves to it, without connecting.
func TestFetchRefusesLoopback(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("Some article text."))
	}))
	defer srv.Close()
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	byName := "http://localhost:" + u.Port() + "/a.txt"
	tests := []struct {
		name, url, wantMessage string
	}{
		{"IP", srv.URL + "/a.txt", "fetch " + srv.URL + "/a.txt: refused to connect to 127.0.0.1 (loopback address)"},
		{"name resolving to loopback", byName, "fetch " + byName + ": refused to connect to "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := (&Fetcher{}).Fetch(context.Background(), tt.url)
			if err == nil {
				t.Fatal("the default Fetcher fetched a loopback URL")
			}
			if errs.Code(err) != errs.Invalid || !errors.Is(err, ErrBlockedAddress) {
				t.Errorf("code %q, Is(ErrBlockedAddress) %v: %v", errs.Code(err), errors.Is(err, ErrBlockedAddress), err)
			}
			msg := errs.Message(err)
			if !strings.HasPrefix(msg, tt.wantMessage) || !strings.HasSuffix(msg, "(loopback address)") {
				t.Errorf("message %q, want %q…(loopback address)", msg, tt.wantMessage)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server saw %d requests; the guard must refuse before connecting", n)
	}
	// The same URL with AllowPrivate goes through.
	if _, err := (&Fetcher{AllowPrivate: true}).Fetch(context.Background(), srv.URL+"/a.txt"); err != nil {
		t.Errorf("AllowPrivate: %v", err)
	}
}
