package digest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/errs"
)

func TestSubscriptionValidate(t *testing.T) {
	tests := []struct {
		name    string
		sub     Subscription
		wantErr string // a piece of the message; "" for valid
	}{
		{"valid", Subscription{ChannelID: "123", Time: "09:00", Zone: "Europe/London"}, ""},
		{"UTC by default", Subscription{ChannelID: "123", Time: "23:59"}, ""},
		{"one-digit hour", Subscription{ChannelID: "123", Time: "9:05", Zone: "Asia/Baku"}, ""},
		{"no channel", Subscription{Time: "09:00"}, "names no channel"},
		{"blank channel", Subscription{ChannelID: " ", Time: "09:00"}, "names no channel"},
		{"channel with a space", Subscription{ChannelID: "12 3", Time: "09:00"}, "spaces"},
		{"24:00", Subscription{ChannelID: "1", Time: "24:00"}, `"24:00" is not a 24-hour time`},
		{"12-hour", Subscription{ChannelID: "1", Time: "9am"}, "not a 24-hour time"},
		{"seconds", Subscription{ChannelID: "1", Time: "09:00:00"}, "not a 24-hour time"},
		{"empty time", Subscription{ChannelID: "1"}, "not a 24-hour time"},
		{"unknown zone", Subscription{ChannelID: "1", Time: "09:00", Zone: "Mars/Olympus"}, `unknown time zone "Mars/Olympus"`},
		{"zone in the wrong case", Subscription{ChannelID: "1", Time: "09:00", Zone: "europe/london"}, `did you mean "Europe/London"`},
		{"zone with a space", Subscription{ChannelID: "1", Time: "09:00", Zone: "America/New York"}, `did you mean "America/New_York"`},
		{"Local is the machine's", Subscription{ChannelID: "1", Time: "09:00", Zone: "Local"}, "unknown time zone"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.sub.Validate()
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate accepted %+v", tc.sub)
			}
			if errs.Code(err) != errs.Invalid || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("Validate = %v (code %s), want an invalid error with %q", err, errs.Code(err), tc.wantErr)
			}
		})
	}
}

func TestDue(t *testing.T) {
	sub := func(hhmm, zone string) Subscription { return Subscription{ChannelID: "1", Time: hhmm, Zone: zone} }
	tests := []struct {
		name     string
		sub      Subscription
		now      time.Time
		lastDay  string
		lastAt   time.Time
		nextDue  time.Time
		location string
	}{
		{
			name: "UTC before the time", sub: sub("09:00", ""), now: utc(2026, 11, 25, 8, 59),
			lastDay: "2026-11-24", lastAt: utc(2026, 11, 24, 9, 0), nextDue: utc(2026, 11, 25, 9, 0),
		},
		{
			name: "UTC at the time", sub: sub("09:00", ""), now: utc(2026, 11, 25, 9, 0),
			lastDay: "2026-11-25", lastAt: utc(2026, 11, 25, 9, 0), nextDue: utc(2026, 11, 26, 9, 0),
		},
		{
			name: "local day differs from UTC's", sub: sub("07:00", "Asia/Baku"), now: utc(2026, 11, 24, 23, 0), // 03:00 on the 25th in Baku
			lastDay: "2026-11-24", lastAt: utc(2026, 11, 24, 3, 0), nextDue: utc(2026, 11, 25, 3, 0),
		},
		{
			name: "spring-forward gap: due when the gap ends", sub: sub("02:30", "America/New_York"), now: utc(2026, 3, 8, 12, 0),
			lastDay: "2026-03-08", lastAt: utc(2026, 3, 8, 7, 0), nextDue: utc(2026, 3, 9, 6, 30),
		},
		{
			name: "the day before the gap", sub: sub("02:30", "America/New_York"), now: utc(2026, 3, 8, 6, 59),
			lastDay: "2026-03-07", lastAt: utc(2026, 3, 7, 7, 30), nextDue: utc(2026, 3, 8, 7, 0),
		},
		{
			name: "fall-back overlap: the first 01:30", sub: sub("01:30", "America/New_York"), now: utc(2026, 11, 1, 5, 29),
			lastDay: "2026-10-31", lastAt: utc(2026, 10, 31, 5, 30), nextDue: utc(2026, 11, 1, 5, 30),
		},
		{
			name: "fall-back overlap: the second 01:30 is not due", sub: sub("01:30", "America/New_York"), now: utc(2026, 11, 1, 6, 30),
			lastDay: "2026-11-01", lastAt: utc(2026, 11, 1, 5, 30), nextDue: utc(2026, 11, 2, 6, 30),
		},
		{
			name: "London across the clock change", sub: sub("09:00", "Europe/London"), now: utc(2026, 3, 29, 7, 30), // 08:30 BST
			lastDay: "2026-03-28", lastAt: utc(2026, 3, 28, 9, 0), nextDue: utc(2026, 3, 29, 8, 0),
		},
		{
			name: "midnight", sub: sub("00:00", "Europe/London"), now: utc(2026, 7, 1, 23, 0), // midnight BST on 2 July
			lastDay: "2026-07-02", lastAt: utc(2026, 7, 1, 23, 0), nextDue: utc(2026, 7, 2, 23, 0),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			day, at := LastDue(tc.sub, tc.now)
			if day != tc.lastDay || !at.Equal(tc.lastAt) {
				t.Errorf("LastDue = %s %s, want %s %s", day, at.UTC(), tc.lastDay, tc.lastAt)
			}
			if next := NextDue(tc.sub, tc.now); !next.Equal(tc.nextDue) {
				t.Errorf("NextDue = %s, want %s", next.UTC(), tc.nextDue)
			}
		})
	}
}

// time.Date reads an ambiguous time in the earlier zone today, but does not
// promise to: earlierTwin finds the first occurrence from the second.
func TestEarlierTwin(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	second := utc(2026, 11, 1, 6, 30).In(ny) // 01:30 EST, the second 01:30
	got, ok := earlierTwin(second)
	if !ok || !got.Equal(utc(2026, 11, 1, 5, 30)) {
		t.Errorf("earlierTwin(%v) = %v, %v; want 05:30Z (01:30 EDT)", second, got.UTC(), ok)
	}
	for _, tm := range []time.Time{
		utc(2026, 11, 1, 5, 30).In(ny), // the first 01:30
		utc(2026, 11, 1, 7, 30).In(ny), // 02:30 EST, after the overlap
		utc(2026, 3, 8, 7, 30).In(ny),  // after the gap
	} {
		if got, ok := earlierTwin(tm); ok {
			t.Errorf("earlierTwin(%v) = %v, want none", tm, got)
		}
	}
}

func TestZones(t *testing.T) {
	tests := []struct {
		prefix string
		limit  int
		check  func([]string) bool
		what   string
	}{
		{"europe/lon", 25, func(z []string) bool { return slices.Equal(z, []string{"Europe/London"}) }, "only Europe/London"},
		{"york", 25, func(z []string) bool { return slices.Contains(z, "America/New_York") }, "America/New_York (after '_')"},
		{"baku", 25, func(z []string) bool { return slices.Equal(z, []string{"Asia/Baku"}) }, "only Asia/Baku (after '/')"},
		{"new york", 25, func(z []string) bool { return slices.Contains(z, "America/New_York") }, "America/New_York (space for '_')"},
		{"america/", 5, func(z []string) bool { return len(z) == 5 && strings.HasPrefix(z[0], "America/") }, "five American zones"},
		{"", 25, func(z []string) bool { return len(z) == 25 }, "25 zones"},
		{"utc", 25, func(z []string) bool { return len(z) > 0 && z[0] == "UTC" }, "UTC first"},
		{"zzz", 25, func(z []string) bool { return len(z) == 0 }, "nothing"},
		{"a", 0, func(z []string) bool { return len(z) > 25 }, "every match when limit is 0"},
	}
	for _, tc := range tests {
		if got := Zones(tc.prefix, tc.limit); !tc.check(got) {
			t.Errorf("Zones(%q, %d) = %v, want %s", tc.prefix, tc.limit, got, tc.what)
		}
	}
	// Whole-name matches come before part matches.
	got := Zones("a", 0)
	firstPart := slices.IndexFunc(got, func(z string) bool { return !strings.HasPrefix(strings.ToLower(z), "a") })
	if firstPart >= 0 && slices.ContainsFunc(got[firstPart:], func(z string) bool { return strings.HasPrefix(strings.ToLower(z), "a") }) {
		t.Errorf("Zones(\"a\") mixes whole-name and part matches: %v", got)
	}
}

func TestEveryZoneLoads(t *testing.T) {
	names := zoneNames()
	if len(names) < 300 {
		t.Fatalf("zones.txt lists %d zones; the tz database has over 300", len(names))
	}
	for _, name := range names {
		if _, err := time.LoadLocation(name); err != nil {
			t.Errorf("zone %s does not load: %v", name, err)
		}
		if err := (Subscription{ChannelID: "1", Time: "09:00", Zone: name}).Validate(); err != nil {
			t.Errorf("zone %s: %v", name, err)
		}
	}
	if !slices.IsSorted(names) {
		t.Error("zones.txt is not sorted")
	}
}
