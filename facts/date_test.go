package facts

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/errs"
)

func TestParseDateArg(t *testing.T) {
	tests := []struct {
		in   string
		want Date
	}{
		{"2025", Date{Value: "2025", Precision: Year, Label: "2025"}},
		{"2025-06", Date{Value: "2025-06", Precision: Month, Label: "June 2025"}},
		{"2025-06-30", Date{Value: "2025-06-30", Precision: Day, Label: "30 June 2025"}},
		{" June 2025 ", Date{Value: "2025-06", Precision: Month, Label: "June 2025"}},
		{"Dec. 2024", Date{Value: "2024-12", Precision: Month, Label: "December 2024"}},
		{"30 June 2025", Date{Value: "2025-06-30", Precision: Day, Label: "30 June 2025"}},
		{"1st July 2025", Date{Value: "2025-07-01", Precision: Day, Label: "1 July 2025"}},
		{"June 30, 2025", Date{Value: "2025-06-30", Precision: Day, Label: "30 June 2025"}},
		{"29 February 2024", Date{Value: "2024-02-29", Precision: Day, Label: "29 February 2024"}},
	}
	for _, tt := range tests {
		got, err := ParseDateArg(tt.in)
		if err != nil {
			t.Errorf("ParseDateArg(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseDateArg(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseDateArgRejects(t *testing.T) {
	for _, in := range []string{"", "  ", "yesterday", "2025-13", "2025-02-30", "29 February 2025", "Smarch 2025", "30 Juin 2025", "2000/2004", "June", "25"} {
		_, err := ParseDateArg(in)
		if err == nil {
			t.Errorf("ParseDateArg(%q) = nil error, want one", in)
			continue
		}
		if errs.Code(err) != errs.Invalid {
			t.Errorf("ParseDateArg(%q) code %q, want %q", in, errs.Code(err), errs.Invalid)
		}
		if !strings.Contains(errs.Message(err), "\""+in+"\"") {
			t.Errorf("ParseDateArg(%q) message %q does not name the value", in, errs.Message(err))
		}
	}
}

func TestParseValue(t *testing.T) {
	tests := []struct {
		in     string
		lo, hi string
		ok     bool
	}{
		{"2025-06-30", "2025-06-30", "2025-06-30", true},
		{"2024-02", "2024-02-01", "2024-02-29", true},
		{"2003", "2003-01-01", "2003-12-31", true},
		{"2000/2004", "2000-01-01", "2004-12-31", true},
		{"2025-06/2025-08", "2025-06-01", "2025-08-31", true},
		{"2025-06-28/2025-06-29", "2025-06-28", "2025-06-29", true},
		{"2025-06/2025", "", "", false},
		{"2025/2000", "", "", false},
		{"2025-00", "", "", false},
		{"junk", "", "", false},
	}
	for _, tt := range tests {
		sp, ok := ParseValue(tt.in)
		if ok != tt.ok {
			t.Errorf("ParseValue(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if ok && (sp.Lo.Format("2006-01-02") != tt.lo || sp.Hi.Format("2006-01-02") != tt.hi) {
			t.Errorf("ParseValue(%q) = %s..%s, want %s..%s", tt.in, sp.Lo.Format("2006-01-02"), sp.Hi.Format("2006-01-02"), tt.lo, tt.hi)
		}
		if ok && sp.Date().Value != tt.in {
			t.Errorf("ParseValue(%q).Date().Value = %q, want it back", tt.in, sp.Date().Value)
		}
	}
}
