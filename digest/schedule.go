package digest

import (
	_ "embed"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/crisisbot/crisisbot/errs"
)

// Subscription is a channel's daily digest: posted every day at Time in
// Zone.
type Subscription struct {
	ChannelID string `json:"channel_id"`
	GuildID   string `json:"guild_id,omitempty"`
	// Time is the local time of day, "HH:MM", 24-hour.
	Time string `json:"time"`
	// Zone is an IANA time zone name; "" is UTC.
	Zone string `json:"timezone"`
	// FromConfig marks a subscription declared in the config file.
	FromConfig bool      `json:"-"`
	CreatedAt  time.Time `json:"created_at"`
	CreatedBy  string    `json:"created_by,omitempty"`
}

var reClock = regexp.MustCompile(`^([01]?[0-9]|2[0-3]):([0-5][0-9])$`)

// Validate reports, as an errs.Invalid error, an empty channel, a time
// that is not HH:MM on a 24-hour clock, or an unknown time zone.
func (s Subscription) Validate() error {
	if strings.TrimSpace(s.ChannelID) == "" {
		return errs.Errorf(errs.Invalid, "the digest subscription names no channel")
	}
	if strings.ContainsFunc(s.ChannelID, isSpaceOrControl) {
		return errs.Errorf(errs.Invalid, "channel id %q has spaces or control characters in it", s.ChannelID)
	}
	if _, _, err := parseClock(s.Time); err != nil {
		return err
	}
	_, err := location(s.Zone)
	return err
}

func isSpaceOrControl(r rune) bool { return r <= ' ' || r == 0x7f }

// parseClock reads "HH:MM" (or "H:MM").
func parseClock(s string) (hour, minute int, err error) {
	m := reClock.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, errs.Errorf(errs.Invalid, "digest time %q is not a 24-hour time such as 09:00 or 18:30", s)
	}
	hour, _ = strconv.Atoi(m[1])
	minute, _ = strconv.Atoi(m[2])
	return hour, minute, nil
}

// location loads an IANA zone; "" is UTC. "Local" is refused: it would
// mean whatever zone the machine running the bot is set to.
func location(zone string) (*time.Location, error) {
	zone = strings.TrimSpace(zone)
	if zone == "" {
		return time.UTC, nil
	}
	if zone != "Local" {
		if loc, err := time.LoadLocation(zone); err == nil {
			return loc, nil
		}
	}
	for _, name := range zoneNames() {
		if strings.EqualFold(name, zone) || strings.EqualFold(name, strings.ReplaceAll(zone, " ", "_")) {
			return nil, errs.Errorf(errs.Invalid, "unknown time zone %q (did you mean %q?)", zone, name)
		}
	}
	return nil, errs.Errorf(errs.Invalid, "unknown time zone %q: give an IANA name such as Europe/London, Asia/Baku or UTC", zone)
}

// schedule returns s's location and time of day. An invalid s (see
// Validate) is read as 00:00 UTC.
func (s Subscription) schedule() (*time.Location, int, int) {
	loc, err := location(s.Zone)
	if err != nil {
		loc = time.UTC
	}
	h, m, _ := parseClock(s.Time)
	return loc, h, m
}

// dayLayout is the layout of a scheduled day, which is also a digest's
// key: "2026-11-25".
const dayLayout = time.DateOnly

// LastDue returns the latest scheduled instant at or before now and the
// local day it belongs to ("2006-01-02"). s must be valid.
func LastDue(s Subscription, now time.Time) (day string, at time.Time) {
	loc, h, m := s.schedule()
	y, mo, d := now.In(loc).Date()
	for i := 0; ; i++ {
		if at := dueOn(y, mo, d-i, h, m, loc); !at.After(now) {
			return time.Date(y, mo, d-i, 0, 0, 0, 0, time.UTC).Format(dayLayout), at
		}
	}
}

// NextDue returns the first scheduled instant after now. s must be valid.
func NextDue(s Subscription, now time.Time) time.Time {
	loc, h, m := s.schedule()
	y, mo, d := now.In(loc).Date()
	for i := 0; ; i++ {
		if at := dueOn(y, mo, d+i, h, m, loc); at.After(now) {
			return at
		}
	}
}

// dueOn returns the instant of hour:minute on the given local day. A time
// that the clocks skip (a spring-forward gap) is due at the first instant
// after the gap; a time they pass twice (a fall-back overlap) is due at
// the first of the two. time.Date picks one of the two zones in either
// case and does not promise which, so both are handled.
func dueOn(y int, mo time.Month, d, hour, minute int, loc *time.Location) time.Time {
	t := time.Date(y, mo, d, hour, minute, 0, 0, loc)
	want := time.Date(y, mo, d, hour, minute, 0, 0, time.UTC)
	got := wall(t)
	if got.Equal(want) {
		if e, ok := earlierTwin(t); ok {
			return e
		}
		return t
	}
	start, end := t.ZoneBounds()
	if got.After(want) {
		return start // t was read in the zone after the gap, which starts where the gap ends
	}
	return end // t was read in the zone before the gap, which ends where the gap ends
}

// wall returns t's local date and clock as a UTC time, for comparing.
func wall(t time.Time) time.Time {
	y, mo, d := t.Date()
	return time.Date(y, mo, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// earlierTwin returns the earlier instant showing the same local clock as
// t, when the clocks went back just before t.
func earlierTwin(t time.Time) (time.Time, bool) {
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return time.Time{}, false
	}
	_, offBefore := start.Add(-time.Nanosecond).Zone()
	_, offNow := t.Zone()
	if offBefore <= offNow {
		return time.Time{}, false
	}
	e := t.Add(-time.Duration(offBefore-offNow) * time.Second)
	if !e.Before(start) || !wall(e).Equal(wall(t)) {
		return time.Time{}, false
	}
	return e, true
}

// zonesTxt lists the IANA zone names, one a line, because Go cannot list
// the zones it can load. It was generated once with
//
//	(grep -hv '^#' /usr/share/zoneinfo/zone1970.tab /usr/share/zoneinfo/zone.tab | cut -f3; echo UTC) | sort -u
//
//go:embed zones.txt
var zonesTxt string

func zoneNames() []string { return strings.Fields(zonesTxt) }

// Zones returns up to limit (all when limit <= 0) zone names that start
// with prefix, case-insensitively, or have a part after a '/' or '_' that
// does ("york" finds America/New_York); whole-name matches first. For
// autocomplete.
func Zones(prefix string, limit int) []string {
	p := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(prefix), " ", "_"))
	var first, rest []string
	for _, name := range zoneNames() {
		l := strings.ToLower(name)
		switch {
		case strings.HasPrefix(l, p):
			first = append(first, name)
		case partHasPrefix(l, p):
			rest = append(rest, name)
		}
	}
	out := append(first, rest...)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func partHasPrefix(name, p string) bool {
	for i := 0; i < len(name); i++ {
		if (name[i] == '/' || name[i] == '_') && strings.HasPrefix(name[i+1:], p) {
			return true
		}
	}
	return false
}
