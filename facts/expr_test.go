package facts

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
)

// dates returns "value precision [label]" for each date expression of
// text, resolved for an article published on pub at precision prec.
func dates(text, pub, prec string) []string {
	win, ok := PublishedWindow(corpus.Document{Published: pub, PublishedPrecision: prec})
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
		{"last week on a sunday is either week", "A police raid last week shook the city.", "2025-07-06", "day",
			[]string{"2025-06-23/2025-07-05 range [23 June – 5 July 2025]"}},
		{"last week on a saturday", "A police raid last week shook the city.", "2025-07-05", "day", []string{"2025-06-23/2025-06-29 range [week of 23 June 2025]"}},
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
		// "over a month ago" is before a month ago, by how much unsaid.
		{"over a month ago", "He arrived in Dalby over a month ago, and more than two weeks ago he left.", "2025-07-04", "day", nil},
		{"tomorrow", "The hearing opens tomorrow in the capital.", "2025-03-14", "day", []string{"2025-03-15 day [15 March 2025]"}},
		{"tomorrow in a week is a range", "The hearing opens tomorrow in the capital.", "2025-03-10", "week",
			[]string{"2025-03-11/2025-03-17 range [11–17 March 2025]"}},
		{"tomorrow in the past tense", "Officials said the vote was moved to tomorrow.", "2025-03-14", "day", []string{"2025-03-15 day [15 March 2025]"}},
		{"day before yesterday", "Rebels crossed the river the day before yesterday.", "2025-03-14", "day", []string{"2025-03-12 day [12 March 2025]"}},
		{"day after tomorrow", "The ferry resumes the day after tomorrow.", "2025-03-14", "day", []string{"2025-03-16 day [16 March 2025]"}},
		{"last night", "Sirens sounded last night across the port.", "2025-03-14", "day", []string{"2025-03-13 day [13 March 2025]"}},
		{"tonight", "The mayor speaks tonight.", "2025-03-14", "day", []string{"2025-03-14 day [14 March 2025]"}},
		{"this morning", "Trains stopped this morning near the border.", "2025-03-14", "day", []string{"2025-03-14 day [14 March 2025]"}},
		{"as of today", "As of today, the crossing is closed.", "2025-03-14", "day", []string{"2025-03-14 day [14 March 2025]"}},
		// A range of months, by hyphen or dash, is one span; the first
		// month alone had been read as the coming February.
		{"months by hyphen", "The payments were made in February-September 2025.", "2025-12-26", "day", []string{"2025-02/2025-09 range [February – September 2025]"}},
		{"months by dash", "The payments were made in February–September 2025.", "2025-12-26", "day", []string{"2025-02/2025-09 range [February – September 2025]"}},
		// Two days that share one month: each is a day of that month, and
		// the year written once is both days' ("9" had been read as a
		// count, and "October 9" as last year's).
		{"two days before their month", "The leaders met on 9 and 10 October 2025.", "2025-12-01", "day", []string{"2025-10-09 day [9 October 2025]", "2025-10-10 day [10 October 2025]"}},
		{"two days after their month", "The leaders met on October 9 and 10, 2025.", "2026-01-20", "day", []string{"2025-10-09 day [9 October 2025]", "2025-10-10 day [10 October 2025]"}},
		{"two yearless days", "The leaders met on October 9 and 10 in Dalby.", "2025-10-20", "day", []string{"2025-10-09 day [9 October 2025]", "2025-10-10 day [10 October 2025]"}},
		{"two days, one of them", "Talks will be held on 9 or 10 October.", "2025-10-01", "day", []string{"2025-10-09 day [9 October 2025]", "2025-10-10 day [10 October 2025]"}},
		{"counts before a month", "Between 9 and 10 people were detained in October.", "2025-10-20", "day", []string{"2025-10 month [October 2025]"}},
		// "Today," opening a sentence told in no tense of a time is these
		// times, not the day of publication.
		{"today as nowadays", "Today, the police beat, humiliate, and torture migrants solely because of their origin.", "2025-03-14", "day", nil},
		{"today as nowadays, be", "Today, Ostria is the main executor of violence.", "2025-03-14", "day", nil},
		{"today with a past verb", "Today, the court sentenced him to four years.", "2025-03-14", "day", []string{"2025-03-14 day [14 March 2025]"}},
		{"today in progress", "Today, the court is hearing the case.", "2025-03-14", "day", []string{"2025-03-14 day [14 March 2025]"}},
		{"today to come", "Today, the leaders will meet in Dalby.", "2025-03-14", "day", []string{"2025-03-14 day [14 March 2025]"}},
		{"today inside", "The mayor speaks today in Dalby.", "2025-03-14", "day", []string{"2025-03-14 day [14 March 2025]"}},
		{"years ago", "Two years ago Azerbaijan took control.", "2025-07", "month", []string{"2023 year [2023]"}},
		// "the past year" is the twelve months before, not last calendar
		// year; "last year" is that.
		{"the past year", "Relations soured in the past year over the crash.", "2025-11-20", "day", nil},
		{"last year", "Relations soured last year over the crash.", "2025-11-20", "day", []string{"2024 year [2024]"}},

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
		{"tomorrow as a noun", "She lectured the engineers of tomorrow.", "2025-03-14", "day", nil},
		{"today as a noun", "The Europe of today is not the Europe of old.", "2025-03-14", "day", nil},
		{"today in a name", `It operates as a branch of the agency "Russia Today" and of USA Today.`, "2025-03-14", "day", nil},
		{"today opening a quote", `He said: "Today we close the crossing."`, "2025-03-14", "day", []string{"2025-03-14 day [14 March 2025]"}},
		{"a morning with no day", "The morning was cold and the evening wet.", "2025-03-14", "day", nil},
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
	// The article reports 3 July as past, so it was published on or after
	// it: "today" is a day from 3 July to the end of the month.
	want := []string{"July 3=2025-07-03", "today=2025-07-03/2025-07-31", "June 27=2025-06-27",
		"That same day=2025-07-03", "The next day=2025-07-04"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mentions mismatch (-want +got):\n%s", diff)
	}
}

// TestDayAnaphora checks the anaphors that name a day or a part of one:
// each is the day of the previous date the article gave, moved by the
// word's step; "the day after the vote" is dated by the vote, not by the
// previous date, and an anaphor with no day before it stays unread.
func TestDayAnaphora(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"the previous evening", "The council voted on March 4. Delegates had dined together the previous evening.",
			[]string{"March 4=2025-03-04", "the previous evening=2025-03-03"}},
		{"that evening", "The council voted on March 4. That evening, crowds gathered outside.",
			[]string{"March 4=2025-03-04", "That evening=2025-03-04"}},
		{"later that night", "The envoy landed on Tuesday and met the minister later that night.",
			[]string{"Tuesday=2025-03-11", "that night=2025-03-11"}},
		{"the next morning", "The council voted on March 4. The next morning, the mayor resigned.",
			[]string{"March 4=2025-03-04", "The next morning=2025-03-05"}},
		{"the following afternoon", "The council voted on March 4. Talks resumed the following afternoon.",
			[]string{"March 4=2025-03-04", "the following afternoon=2025-03-05"}},
		{"the night before", "The council voted on March 4. Protesters had camped there the night before.",
			[]string{"March 4=2025-03-04", "the night before=2025-03-03"}},
		{"the previous day after yesterday", "The mayor of the city resigned yesterday. The previous day, he had denied any plan to go.",
			[]string{"yesterday=2025-03-13", "The previous day=2025-03-12"}},
		{"the day after a named event", "The council voted on March 4. Shops closed the day after the strike began.",
			[]string{"March 4=2025-03-04"}},
		{"no day before it", "That evening, crowds gathered outside the hall.", nil},
		{"no day but a month before it", "The council voted in March. The previous evening, crowds gathered.",
			[]string{"March=2025-03"}},
		// A quotation's anaphor refers to the quoted words' days, not the
		// article's: the statement's "same day" is a day the excerpt never
		// gives, and inside a quote that gives one it is that day.
		{"a quote with no day of its own", "The inquiry opened on Tuesday.\n" +
			"\"As a result, the man died at about 3 pm on the same day in the station. His brother died that evening,\" it said.",
			[]string{"Tuesday=2025-03-11"}},
		{"a quote with a day of its own", "The inquiry opened on Tuesday.\n" +
			"“The men were held on March 2. One died on the same day,” it said. The lawyer spoke that evening.",
			[]string{"Tuesday=2025-03-11", "March 2=2025-03-02", "the same day=2025-03-02", "that evening=2025-03-02"}},
		{"the quote's day, not a day before it", "The men were held on March 2.\n" +
			"He said on Tuesday: “That same day, I knew.”",
			[]string{"March 2=2025-03-02", "Tuesday=2025-03-11"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range kinds(Read(doc("a", "2025-03-14", tt.body)), KindDate) {
				got = append(got, f.Text+"="+f.Date.Value)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%q mismatch (-want +got):\n%s", tt.body, diff)
			}
		})
	}
}

// TestWindowNarrowedByReportedDays checks that an article whose publication
// date is only a week or a month is not read as published before a day it
// reports as past: "late last month" in the week of Monday 31 March 2025 is
// late February or late March, but late March once the article says
// officials spoke on 2 April. A day in the future tense, a day something is
// set for and a day outside the window leave the window as it is.
func TestWindowNarrowedByReportedDays(t *testing.T) {
	const later = " Troops massed at the border late last month."
	both := "late last month=2025-02-21/2025-03-31"
	tests := []struct {
		name, pub, prec, body string
		want                  []string
	}{
		{"no day reported", "2025-03-31", "week", "Officials spoke of a crisis." + later, []string{both}},
		{"a day reported", "2025-03-31", "week", "Officials said on April 2 that talks had failed." + later,
			[]string{"April 2=2025-04-02", "late last month=2025-03-21/2025-03-31"}},
		{"a day opening the sentence", "2025-03-31", "week", "April 1, a convoy was stopped at the river." + later,
			[]string{"April 1=2025-04-01", "late last month=2025-03-21/2025-03-31"}},
		{"a day in a month", "2025-04", "month", "The port reopened on April 9, officials said. The dockers' strike began yesterday.",
			[]string{"April 9=2025-04-09", "yesterday=2025-04-08/2025-04-29"}},
		{"future tense", "2025-03-31", "week", "The envoy will arrive on April 3." + later,
			[]string{"April 3=2025-04-03", both}},
		{"a day something is set for", "2025-03-31", "week", "A judge ordered the men held until April 4." + later,
			[]string{"April 4=2025-04-04", both}},
		{"a day outside the window", "2025-03-31", "week", "Officials said on April 20 that talks had failed." + later,
			[]string{"April 20=2025-04-20", both}},
		{"a day-precise publication date", "2025-04-02", "day", "Officials said on April 1 that talks had failed." + later,
			[]string{"April 1=2025-04-01", "late last month=2025-03-21/2025-03-31"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := corpus.Document{ID: "a", Published: tt.pub, PublishedPrecision: tt.prec, Body: tt.body}
			var got []string
			for _, f := range kinds(Read(d), KindDate) {
				got = append(got, f.Text+"="+f.Date.Value)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%q mismatch (-want +got):\n%s", tt.body, diff)
			}
		})
	}
}
