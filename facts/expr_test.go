package facts

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
)

// dates returns "value precision [label]" for each date expression of
// text, resolved for an article published on pub at precision prec.
func dates(text, pub, prec string) []string {
	win, ok := window(corpus.Document{Published: pub, PublishedPrecision: prec})
	var out []string
	for _, e := range sharedScanner.find(text) {
		sp, good := resolve(e, win, ok, Span{}, false)
		if !good {
			out = append(out, "unresolved "+text[e.start:e.end])
			continue
		}
		d := sp.Date()
		out = append(out, d.Value+" "+d.Precision+" ["+d.Label+"]")
	}
	return out
}

func TestDateExpressions(t *testing.T) {
	tests := []struct {
		name, text, pub, prec string
		want                  []string
	}{
		// Absolute dates keep the precision they give.
		{"day month year", "It happened on 27 June 2025.", "2025-07", "month", []string{"2025-06-27 day [27 June 2025]"}},
		{"month day year", "It happened on June 27, 2025.", "", "", []string{"2025-06-27 day [27 June 2025]"}},
		{"iso", "Filed 2025-06-30 in Baku.", "", "", []string{"2025-06-30 day [30 June 2025]"}},
		{"month year", "In December 2024, a plane was shot down.", "", "", []string{"2024-12 month [December 2024]"}},
		{"month comma year", "In December, 2024 a plane fell.", "", "", []string{"2024-12 month [December 2024]"}},
		{"late month year", "In late June 2025 police raided homes.", "", "", []string{"2025-06-21/2025-06-30 range [late June 2025]"}},
		{"end of month year", "By the end of May 2025 it was over.", "", "", []string{"2025-05-21/2025-05-31 range [late May 2025]"}},
		{"year", "Aliyev became president in 2003.", "", "", []string{"2003 year [2003]"}},
		{"attributive year", "the 2020 conflict against Armenia", "", "", []string{"2020 year [2020]"}},
		{"decade", "murders dating back to the 2000s", "", "", []string{"2000/2009 range [2000s]"}},
		{"early decade", "murders dating back to the early 2000s", "", "", []string{"2000/2004 range [early 2000s]"}},
		{"late decade", "in the late 1990s", "", "", []string{"1996/1999 range [late 1990s]"}},
		{"early year", "in early 2025 talks began", "", "", []string{"2025-01/2025-04 range [early 2025]"}},
		{"season with year", "in summer 2024 the talks stalled", "", "", []string{"2024-06/2024-08 range [summer 2024]"}},

		// Dates without a year take the year nearest the publication.
		{"month day", "On June 30, police raided the office.", "2025-06-30", "day", []string{"2025-06-30 day [30 June 2025]"}},
		{"day month", "On 1 July the ministry spoke.", "2025-07", "month", []string{"2025-07-01 day [1 July 2025]"}},
		{"month day in week", "On July 1, she was detained.", "2025-06-30", "week", []string{"2025-07-01 day [1 July 2025]"}},
		{"bare month", "In July, relations soured.", "2025-07", "month", []string{"2025-07 month [July 2025]"}},
		{"december in january", "In December the plane fell.", "2026-01-15", "day", []string{"2025-12 month [December 2025]"}},
		{"september in july", "Talks are due in September.", "2025-07", "month", []string{"2025-09 month [September 2025]"}},
		{"late month", "In late June, 50 were detained.", "2025-07", "month", []string{"2025-06-21/2025-06-30 range [late June 2025]"}},

		// Relative dates.
		{"last december", "Last December, a flight was shot down.", "2025-07", "month", []string{"2024-12 month [December 2024]"}},
		{"last december across the year", "Last December, a flight was shot down.", "2026-01-10", "day", []string{"2025-12 month [December 2025]"}},
		{"last december in december", "Last December, a flight was shot down.", "2025-12-20", "day", []string{"2024-12 month [December 2024]"}},
		{"this month", "Tensions escalated this month.", "2025-07", "month", []string{"2025-07 month [July 2025]"}},
		{"last month across the year", "He was arrested last month.", "2026-01-05", "day", []string{"2025-12 month [December 2025]"}},
		{"late last month", "It happened late last month.", "2025-07-03", "day", []string{"2025-06-21/2025-06-30 range [late June 2025]"}},
		{"late last month in a week that crosses months", "It happened late last month.", "2025-06-30", "week",
			[]string{"2025-05-21/2025-06-30 range [21 May – 30 June 2025]"}},
		{"earlier this year", "Earlier this year the text was agreed.", "2025-07", "month", []string{"2025 year [2025]"}},
		{"last year", "Last year the talks failed.", "2025-07", "month", []string{"2024 year [2024]"}},
		{"this week", "The bureau remained open until this week.", "2025-06-30", "week", []string{"2025-06-30/2025-07-06 range [week of 30 June 2025]"}},
		{"last week", "A police raid last week shook the city.", "2025-06-30", "week", []string{"2025-06-23/2025-06-29 range [week of 23 June 2025]"}},
		{"last week in a month", "A police raid last week shook the city.", "2025-07", "month",
			[]string{"2025-06-23/2025-07-27 range [23 June – 27 July 2025]"}},
		{"last friday in a week", "The crisis began last Friday.", "2025-06-30", "week", []string{"2025-06-27 day [27 June 2025]"}},
		{"last friday on a day", "The crisis began last Friday.", "2025-07-02", "day", []string{"2025-06-27 day [27 June 2025]"}},
		{"last friday in a month is a range", "The crisis began last Friday.", "2025-07", "month",
			[]string{"2025-06-27/2025-07-25 range [27 June – 25 July 2025]"}},
		{"on friday in a week is a range", "Police raided homes on Friday.", "2025-06-30", "week",
			[]string{"2025-06-27/2025-07-04 range [27 June – 4 July 2025]"}},
		{"on friday on a day", "Police raided homes on Friday.", "2025-07-02", "day", []string{"2025-06-27 day [27 June 2025]"}},
		{"yesterday", "Officials said yesterday that two died.", "2025-07-02", "day", []string{"2025-07-01 day [1 July 2025]"}},
		{"yesterday in a week is a range", "Officials said yesterday that two died.", "2025-06-30", "week",
			[]string{"2025-06-29/2025-07-05 range [29 June – 5 July 2025]"}},
		{"over the weekend", "Baku went further over the weekend.", "2025-06-30", "week", []string{"2025-06-28/2025-06-29 range [weekend of 28–29 June 2025]"}},
		{"this weekend", "Talks are set for this weekend.", "2025-07-02", "day", []string{"2025-07-05/2025-07-06 range [weekend of 5–6 July 2025]"}},
		{"this summer", "This summer, Pashinyan visited Ankara.", "2025-07", "month", []string{"2025-06/2025-08 range [summer 2025]"}},
		{"last winter", "Last winter the pipeline froze.", "2026-01-10", "day", []string{"2024-12/2025-02 range [winter 2024–25]"}},
		{"in the autumn", "In the autumn, talks resumed.", "2025-07", "month", []string{"2025-09/2025-11 range [autumn 2025]"}},
		{"days ago", "Three days ago police came.", "2025-07-04", "day", []string{"2025-07-01 day [1 July 2025]"}},
		{"years ago", "Two years ago Azerbaijan took control.", "2025-07", "month", []string{"2023 year [2023]"}},

		// Without a publication date, only absolute dates resolve.
		{"relative without publication", "Police raided the office on June 30 and in 2003.", "", "",
			[]string{"unresolved June 30", "2003 year [2003]"}},

		// What is not a date.
		{"filler", "Tensions escalated in recent days and recent years.", "2025-07", "month", nil},
		{"may the verb", "The South Caucasus may be entering a new era.", "2025-07", "month", nil},
		{"count not year", "Police detained 2000 people and 1500 troops.", "2025-07", "month", nil},
		{"money and thousands", "It cost $2025 and 2,020 dollars.", "2025-07", "month", nil},
		{"years as a length", "killings spanning 25 years in Yekaterinburg", "2025-07", "month", nil},
		{"fall the verb", "Prices fall of their own accord.", "2025-07", "month", nil},
		{"decades-old", "a decades-old contract killing investigation", "2025-07", "month", nil},
		{"time not day", "At June 3:30 nothing.", "2025-07", "month", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dates(tt.text, tt.pub, tt.prec)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("dates(%q, %s %s) mismatch (-want +got):\n%s", tt.text, tt.pub, tt.prec, diff)
			}
		})
	}
}

// TestAnaphora checks that "that same day" takes the date that opened the
// paragraph's last dated sentence, not a date in a clause after it; that in
// a new paragraph "the next day" follows the last day resolved (here the
// anaphor's own); and that an anaphor with no day before it is dropped.
func TestAnaphora(t *testing.T) {
	body := "That same day, nothing with a day before it happened here at all.\n" +
		"On July 3, police detained Shahin Shikhlinski in Yekaterinburg today. " +
		"Shikhlinski, who had been briefly detained on June 27, was questioned as a witness. " +
		"That same day, Telegram channels published footage of an interrogation.\n" +
		"The next day, a new paragraph refers back to the last day it can.\n"
	doc := corpus.Document{ID: "a", Published: "2025-07", PublishedPrecision: "month", Body: body}
	var got []string
	for _, f := range Read(doc) {
		if f.Kind == KindDate {
			got = append(got, f.Text+"="+f.Date.Value)
		}
	}
	want := []string{"July 3=2025-07-03", "today=2025-07-01/2025-07-31", "June 27=2025-06-27",
		"That same day=2025-07-03", "The next day=2025-07-04"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mentions mismatch (-want +got):\n%s", diff)
	}
}
