package corpus

import (
	"errors"
	"fmt"
	"net/netip"
	"syscall"
)

// ErrBlockedAddress is in the chain of a fetch error that refused to connect
// to a non-public address (see Fetcher.AllowPrivate), so that callers can
// add a hint on how to allow it.
var ErrBlockedAddress = errors.New("blocked address")

// Ranges that blockedRange refuses beyond what netip.Addr classifies itself.
var (
	cgnatRange     = netip.MustParsePrefix("100.64.0.0/10") // carrier-grade NAT, RFC 6598
	thisNetwork    = netip.MustParsePrefix("0.0.0.0/8")     // Linux connects 0.x.y.z to the local host
	nat64Prefix    = netip.MustParsePrefix("64:ff9b::/96")  // NAT64 embeds an IPv4 address, RFC 6052
	broadcastRange = netip.MustParsePrefix("255.255.255.255/32")
)

// blockedRange names the non-public range ip belongs to ("loopback",
// "private", ...), or returns "" for a public address. IPv4-mapped and
// NAT64 forms are judged by the IPv4 address they carry.
func blockedRange(ip netip.Addr) string {
	ip = ip.WithZone("")
	if ip.Is4In6() {
		ip = ip.Unmap()
	}
	if nat64Prefix.Contains(ip) {
		b := ip.As16()
		ip = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	}
	switch {
	case !ip.IsValid():
		return "invalid"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsUnspecified(), thisNetwork.Contains(ip):
		return "unspecified"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast():
		return "link-local"
	case ip.IsMulticast():
		return "multicast"
	case cgnatRange.Contains(ip):
		return "carrier-grade NAT"
	case broadcastRange.Contains(ip):
		return "broadcast"
	}
	return ""
}

// blockedError is a refused connection: the dialer's Control returns it, and
// fetchError turns it into a coded error.
type blockedError struct {
	addr string // the IP, or the dial address when it does not parse
	kind string
}

func (e *blockedError) Error() string {
	return fmt.Sprintf("refused to connect to %s (%s address)", e.addr, e.kind)
}

func (e *blockedError) Is(target error) bool { return target == ErrBlockedAddress }

// guardControl is a net.Dialer Control function: it runs after DNS
// resolution on the very address about to be connected to, so a name that
// resolves (or re-resolves, DNS rebinding) to a private address, or a
// redirect to one, is refused as well as a literal IP.
func guardControl(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		// Fail closed: a dial address that is not ip:port is not checked.
		return &blockedError{addr: address, kind: "unparsable"}
	}
	if kind := blockedRange(ap.Addr()); kind != "" {
		return &blockedError{addr: ap.Addr().WithZone("").String(), kind: kind}
	}
	return nil
}
