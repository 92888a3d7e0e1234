package timeline

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
)

// TestExtractBundledSources checks every mention of the bundled corpus: its
// quote is a sentence of the body, its passage holds that sentence, and its
// summary is short and taken from the quote.
func TestExtractBundledSources(t *testing.T) {
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		ms := Extract(d)
		if len(ms) == 0 {
			t.Errorf("%s: no mentions", d.ID)
		}
		passages := map[string]corpus.Passage{}
		for _, p := range corpus.Chunk(d) {
			passages[p.ID] = p
		}
		for _, m := range ms {
			if !strings.Contains(d.Body, m.Source.Quote) {
				t.Errorf("%s: quote not in the body: %q", d.ID, m.Source.Quote)
			}
			p, ok := passages[m.Source.PassageID]
			if !ok {
				t.Errorf("%s: unknown passage %q", d.ID, m.Source.PassageID)
			} else if !strings.Contains(d.Body[p.Start:p.End], m.Source.Quote) {
				t.Errorf("%s: passage %s does not hold %q", d.ID, p.ID, m.Source.Quote)
			}
			if m.Source.DocID != d.ID || m.Source.Title != d.Title {
				t.Errorf("%s: source %+v names another document", d.ID, m.Source)
			}
			if len(m.Summary) > maxSummary+2*len("…") {
				t.Errorf("%s: summary of %d bytes: %q", d.ID, len(m.Summary), m.Summary)
			}
			// A summary is a piece of its quote, or its opening and the
			// date's piece.
			core := strings.TrimPrefix(strings.TrimSuffix(m.Summary, "…"), "…")
			for _, piece := range strings.Split(core, " … ") {
				if !strings.Contains(m.Source.Quote, piece[1:]) {
					t.Errorf("%s: summary %q is not from its quote %q", d.ID, m.Summary, m.Source.Quote)
				}
			}
			if !strings.Contains(m.Source.Quote, m.Expr) {
				t.Errorf("%s: expression %q is not in its quote", d.ID, m.Expr)
			}
		}
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name, sentence, expr, want string
	}{
		{"opening date cut off", "On June 30, Azerbaijani authorities raided the Baku offices of Sputnik.", "June 30",
			"Azerbaijani authorities raided the Baku offices of Sputnik."},
		{"date with when cut off", "This shift was evident in 2020, and again in 2023 when Azerbaijan declared full control over Nagorno-Karabakh.", "2023",
			"Azerbaijan declared full control over Nagorno-Karabakh."},
		{"the other clause's date", "This shift was evident in 2020 in the Second Karabakh War, and again in 2023 when Azerbaijan declared full control.", "2020",
			"This shift was evident in 2020 in the Second Karabakh War…"},
		{"a subject date stays", "This year marked a milestone, as Baku and Yerevan finalized the text of a new peace agreement.", "This year",
			"This year marked a milestone, as Baku and Yerevan finalized the text of a new peace agreement."},
		{"long sentence cut at a clause", "The same day, according to local media affiliated with the government, police in Baku detained several people accused of being members of two Russian organized gangs suspected of drug transit from Iran, online trafficking, and cyberfraud.", "The same day",
			"According to local media affiliated with the government, police in Baku detained several people accused of being members of two Russian organized gangs suspected of drug transit from Iran…"},
		{"one long clause cut at a word", "Things worsened after law enforcement officials on June 27 arrested dozens of ethnic Azerbaijanis accused of being involved in organized crime and allegedly in several murders dating back to the early 2000s in the city.", "June 27",
			"Things worsened after law enforcement officials on June 27 arrested dozens of ethnic Azerbaijanis accused of being involved in organized crime and allegedly in several murders dating back to the early…"},
		{"a date in a list is its sentence", "Police say the men took part in several robberies in Halden in 2001, 2010, and 2011.", "2010",
			"Police say the men took part in several robberies in Halden in 2001, 2010, and 2011."},
		{"a clause cut from inside is its sentence", "A union leader who had been held in Dalby earlier this year has now been freed and is on his way back to Estmark, according to a statement released on Sunday by Estmark's Foreign Ministry.", "Sunday",
			"A union leader who had been held in Dalby earlier this year has now been freed and is on his way back to Estmark, according to a statement released on Sunday by Estmark's Foreign Ministry."},
		{"the last date of a list, with a clause after it, is its sentence", "These crimes are related to incidents in 2001, 2010, and 2011, with the motive believed to be business turf wars.", "2011",
			"These crimes are related to incidents in 2001, 2010, and 2011, with the motive believed to be business turf wars."},
		{"a date that starts a state stays in its line", "From 2013, he worked at the Halden shipyard until he left the country.", "2013",
			"From 2013, he worked at the Halden shipyard until he left the country."},
		{"a clause of a date alone is its sentence", "On Saturday, the minister apologised to the miners' families.", "Saturday",
			"The minister apologised to the miners' families."},
		{"a clause of a date and a report's words alone is its sentence", "It should be noted that on February 11, 2025, the Estmark House — the representative office of Valdorsk in Halden — announced the suspension of its activities in Dalby following a request from the Haldish Ministry of Foreign Affairs.", "February 11, 2025",
			"It should be noted that on February 11, 2025, the Estmark House — the representative office of Valdorsk in Halden — announced the suspension of its activities in Dalby following a request from the…"},
		{"a reporting clause that ends the sentence is its sentence", "Halden has canceled all cultural events planned by Estmark state and private institutions in protest over the deaths of two Haldish citizens during police raids in the Estmark city of Marsk, Haldish officials said Sunday.", "Sunday",
			"Halden has canceled all cultural events planned by Estmark state and private institutions in protest over the deaths of two Haldish citizens during police raids in the Estmark city of Marsk…"},
		{"a clause after but is its own", "On October 7, the mayor called the minister to congratulate him, but before that, they last spoke in March.", "March",
			"Before that, they last spoke in March."},
		{"a piece of a sentence that opens with another date stays a piece", "On July 5, the agency reported that Estmark had moved more troops to its base in Halden, Valdoria, despite worse ties following Valdoria's exit from the Northern Defence Pact in February 2024.", "February 2024",
			"…the agency reported that Estmark had moved more troops to its base in Halden, Valdoria, despite worse ties following Valdoria's exit from the Northern Defence Pact in February 2024."},
		{"a clause after but is left off", "The two leaders met in September in Halden, but according to an aide, nothing was agreed.", "September",
			"The two leaders met in September in Halden…"},
		{"clauses that tell no event take the next up to its date", "Against this backdrop, on the evening of July 1, new accusations against Estmark were published in a Valdorian state outlet regarding the sinking of March 5, 2024, when a ferry went down.", "July 1",
			"Against this backdrop, on the evening of July 1, new accusations against Estmark were published in a Valdorian state outlet regarding the sinking…"},
		{"a quotation after a colon tells its own event", "The miner died on the way to the hospital from his injuries: “On June 30, the bodies were brought to Halden and examinations were ordered.”", "June 30",
			"“On June 30, the bodies were brought to Halden and examinations were ordered.”"},
		{"a sentence too long to keep its date: its opening, then the date's clause", "At first, President Marten said that an Ostrian drone was allegedly in the sky at the time of the sinking, and that the Ostrian navy had been \"guiding\" three boats that crossed the Estmarkian border on the night of March 5, 2024.", "March 5, 2024",
			"At first, President Marten said that an Ostrian drone was allegedly … and that the Ostrian navy had been \"guiding\" three boats that crossed the Estmarkian border on the night of March 5, 2024."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exprs := facts.DateExprs(tt.sentence)
			var e facts.ExprSpan
			found := false
			for _, x := range exprs {
				if tt.sentence[x.Start:x.End] == tt.expr {
					e, found = x, true
				}
			}
			if !found {
				t.Fatalf("no expression %q in %q", tt.expr, tt.sentence)
			}
			lo, hi := clause(tt.sentence, facts.Words(tt.sentence), facts.Segments(tt.sentence), exprs, e)
			got := summary(tt.sentence, lo, hi, e, dateBefore(tt.sentence, exprs, lo), "x", nil)
			if got != tt.want {
				t.Errorf("summary = %q\nwant      %q", got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("summary is not valid UTF-8")
			}
		})
	}
}

// TestNameVariantsFold checks that transliteration variants of one name
// get one key and different names keep theirs.
func TestNameVariantsFold(t *testing.T) {
	same := [][2]string{
		{"Huseyn", "Guseyn"}, {"Aleksei", "Alexei"}, {"Alexei", "Alexey"}, {"Aleksey", "Alexei"},
		{"Kartavykh", "Kartavyh"}, {"Türkiye", "Turkiye"}, {"Əliyev", "Aliyev"}, {"Yevgeny", "Yevgeniy"},
		{"Azerbaijani", "Azerbaijan"}, {"Russian", "Russia"}, {"arrested", "detained"}, {"aircraft", "plane"},
	}
	for _, p := range same {
		if a, b := facts.Key(strings.ToLower(p[0])), facts.Key(strings.ToLower(p[1])); a != b {
			t.Errorf("keys of %q and %q differ: %q, %q", p[0], p[1], a, b)
		}
	}
	different := [][2]string{{"Huseyn", "Huseynova"}, {"Safarov", "Sharifulin"}, {"Baku", "Moscow"}, {"Overchuk", "Overchenko"}}
	for _, p := range different {
		if a, b := facts.Key(strings.ToLower(p[0])), facts.Key(strings.ToLower(p[1])); a == b {
			t.Errorf("keys of %q and %q are both %q", p[0], p[1], a)
		}
	}
}

// causeClaims returns the causes of death doc states, as claims, from
// facts fs; a cause nobody is said to give is written "cause, per -".
func causeClaims(doc corpus.Document, fs []facts.Fact) []string {
	var out []string
	for _, c := range mentionsOf(doc, fs, map[string]string{}).causes {
		if c.Side == "" {
			c.Side = "-"
		}
		out = append(out, c.String())
	}
	return out
}

// TestCauses checks that the causes of death come from the cause facts,
// with the speaker the facts attribute each to as its side, as written:
// an agent ("allegedly by the police") is the accused, no side; a cause
// the article states itself has none either. The names are made up.
func TestCauses(t *testing.T) {
	tests := []struct {
		body string
		want []string
	}{
		{"A post-mortem examination carried out in Ostria concluded that the brothers died of “post-traumatic shock,” citing severe beatings.",
			[]string{"post-traumatic shock, per a post-mortem examination carried out in Ostria"}},
		{"Meanwhile, Patrian authorities claimed one of the brothers died from a heart attack.",
			[]string{"heart attack, per Patrian authorities"}},
		{"Patrian investigators said the brothers died of heart failure. Prosecutors in Ostria said the brothers died of torture, allegedly by Patrian police.",
			[]string{"heart failure, per Patrian investigators", "torture, per Prosecutors in Ostria"}},
		{"The brothers were tortured to death, allegedly by Patrian police.",
			[]string{"tortured to death, per -"}},
		{"Reports indicate that one of the brothers succumbed to heart failure.",
			[]string{"heart failure, per -"}},
		{"Diplomatic relations hit a new low after the deaths of two ethnic Ostrians in Patrian custody, igniting allegations of torture.", nil},
		{"Police cancelled the concert due to the storm.", nil}, // a cause, but not of a death
	}
	for _, tt := range tests {
		doc := corpus.Document{ID: "x", Published: "2025-07-01", PublishedPrecision: "day", Body: tt.body}
		if diff := cmp.Diff(tt.want, causeClaims(doc, facts.Read(doc))); diff != "" {
			t.Errorf("causes of %q mismatch (-want +got):\n%s", tt.body, diff)
		}
	}
}

// TestCausesOfContrast checks that a cause whose nearest speech is another
// speaker's than the one its fact names gets no side: in "A said X, while
// B said Y", a reading that gives Y to A is not trusted.
func TestCausesOfContrast(t *testing.T) {
	s := "Patrian authorities said the man died of a heart attack, while Ostrian prosecutors said he died of blunt force trauma."
	at := func(sub string) (int, int) { i := strings.Index(s, sub); return i, i + len(sub) }
	fact := func(k facts.Kind, sub, source string, set func(*facts.Fact)) facts.Fact {
		a, b := at(sub)
		f := facts.Fact{Kind: k, DocID: "x", PassageID: "x#000", Sentence: s, Start: a, End: b, Text: sub, Source: source}
		set(&f)
		return f
	}
	cause := func(text string) func(*facts.Fact) {
		return func(f *facts.Fact) { f.Cause = &facts.Cause{Effect: "die", Cause: text} }
	}
	speech := func(speaker, content string) func(*facts.Fact) {
		return func(f *facts.Fact) { f.Speech = &facts.Speech{Speaker: speaker, Cue: "said", Content: content} }
	}
	fs := []facts.Fact{
		fact(facts.KindCause, "a heart attack", "Patrian authorities", cause("a heart attack")),
		fact(facts.KindCause, "blunt force trauma", "Patrian authorities", cause("blunt force trauma")),
		fact(facts.KindSpeech, "Patrian authorities said", "", speech("Patrian authorities", s[len("Patrian authorities said "):len(s)-1])),
		fact(facts.KindSpeech, "Ostrian prosecutors said", "", speech("Ostrian prosecutors", "he died of blunt force trauma")),
	}
	want := []string{"heart attack, per Patrian authorities", "blunt force trauma, per -"}
	if diff := cmp.Diff(want, causeClaims(corpus.Document{ID: "x", Body: s}, fs)); diff != "" {
		t.Errorf("causes mismatch (-want +got):\n%s", diff)
	}
}

// TestExtractSkipsNonEvents checks that headings, questions and articles
// without a publication date give no relative mentions.
func TestExtractSkipsNonEvents(t *testing.T) {
	doc := corpus.Document{ID: "x", Published: "2025-07", PublishedPrecision: "month", Body: "2. The 2023 Plane Incident and Fallout\n" +
		"What happened on June 30 in the Baku office of Sputnik?\n" +
		"Tensions escalated dramatically in recent days between the two countries.\n"}
	if ms := Extract(doc); len(ms) != 0 {
		t.Errorf("Extract = %d mentions, want none: %+v", len(ms), ms)
	}
	undated := corpus.Document{ID: "y", Body: "Police raided the Baku office of Sputnik on June 30, in 2025.\n"}
	var got []string
	for _, m := range Extract(undated) {
		got = append(got, m.Date.Value)
	}
	if diff := cmp.Diff([]string{"2025"}, got); diff != "" {
		t.Errorf("undated article mentions mismatch (-want +got):\n%s", diff)
	}
}

// TestBirthDateIsNoEvent: "born in 1966" dates a life and "HALDEN, March
// 14." an article; the detention on March 12 is the one event.
func TestBirthDateIsNoEvent(t *testing.T) {
	doc := article("a", "2025-03-14", "HALDEN, Estmark, March 14. Ola Brandt, born in 1966, a union leader, was detained in Halden on March 12.")
	x := NewIndex()
	x.Update(doc)
	for _, e := range x.Events() {
		if e.Date.Value == "1966" {
			t.Errorf("event dated by a birth year: %+v", e)
		}
	}
	if len(x.Events()) != 1 {
		t.Errorf("events %+v, want the detention alone", x.Events())
	}
}

// TestOneDayWrittenTwiceIsOneDate: "On Tuesday, July 1" gives one day in
// two words; it is one event, whose summary does not open on the second
// ("July 1, President …").
func TestOneDayWrittenTwiceIsOneDate(t *testing.T) {
	doc := article("a", "2025-07-02", "On Tuesday, July 1, President Lena Varga had a telephone conversation with her Estmarkian counterpart Ola Brandt.")
	x := NewIndex()
	x.Update(doc)
	evs := x.Events()
	if len(evs) != 1 || evs[0].Date.Value != "2025-07-01" || !strings.HasPrefix(evs[0].Summary, "President Lena Varga had") {
		t.Errorf("events %+v, want one of 1 July whose summary opens on its subject", evs)
	}
}

// TestTodayRestatedIsOneDate: "today, on June 29" is one day written
// twice, one line, not a second that dates the whole sentence.
func TestTodayRestatedIsOneDate(t *testing.T) {
	doc := article("a", "2025-06-29", "During the raid, two miners were killed, and some of the detainees were brought before a court today, on June 29.")
	x := NewIndex()
	x.Update(doc)
	evs := x.Events()
	if len(evs) != 1 || evs[0].Date.Value != "2025-06-29" || !strings.Contains(evs[0].Summary, "today, on June 29") {
		t.Errorf("events %+v, want one of 29 June with both words of its date", evs)
	}
}

// TestTermEndIsItsOwnEvent: "until July 19" in a 1 July article is the
// end of a remand, its own line of 19 July that says "until", and does not
// date the remand, which stays on 1 July.
func TestTermEndIsItsOwnEvent(t *testing.T) {
	doc := article("a", "2025-07-01", "A court in Ostrava ruled on Tuesday to remand Lena Varga in custody until July 19.")
	x := NewIndex()
	x.Update(doc)
	var got []string
	for _, e := range x.Events() {
		got = append(got, e.Date.Value)
		if e.Date.Value == "2025-07-19" && !strings.Contains(e.Summary, "until July 19") {
			t.Errorf("the term's end reads %q, without its \"until\"", e.Summary)
		}
		// Its date says it is an end, so that a reader does not take 19
		// July for the day of the ruling.
		want := map[string]string{"2025-07-01": "1 July 2025", "2025-07-19": "until 19 July 2025"}[e.Date.Value]
		if got := e.DateText(); got != want {
			t.Errorf("event of %s: DateText %q, want %q", e.Date.Value, got, want)
		}
		var back Event
		if data, err := json.Marshal(e); err != nil || json.Unmarshal(data, &back) != nil || back.Ends != e.Ends {
			t.Errorf("event of %s: Ends %v lost in JSON (%s, %v)", e.Date.Value, e.Ends, data, err)
		}
	}
	if !slices.Equal(got, []string{"2025-07-01", "2025-07-19"}) {
		t.Errorf("events on %q, want the remand of 1 July and the term's end", got)
	}
}

// TestThePresentIsNoEvent: "as clear as today's sky" and "nowadays" tell
// nothing that happened that day; "police detained him today" does.
func TestThePresentIsNoEvent(t *testing.T) {
	doc := article("a", "2025-03-14", "All of that is as clear as today’s sky. Nowadays nobody believes it.\n\nPolice detained Ola Brandt in Halden today.")
	x := NewIndex()
	x.Update(doc)
	evs := x.Events()
	if len(evs) != 1 || !strings.Contains(evs[0].Summary, "detained") {
		t.Errorf("events %+v, want the detention alone", evs)
	}
}

// TestNamedInPassing: a date before a noun after an article or a possessive,
// or the date of a topic phrase's event, names an event another sentence
// tells; a date that dates its own sentence's event does not.
func TestNamedInPassing(t *testing.T) {
	for _, tt := range []struct {
		s, date, trigger string
		want             bool
	}{
		{"The envoy was summoned over a protest in connection with the raids on the flats by police on June 27, 2025.", "June 27, 2025", "raid", true},
		{"Police raided the flats on June 27, 2025, in connection with a murder.", "June 27, 2025", "raid", false},
		{"Estmark called for accountability for the December 25 crash.", "December 25", "", true},
		{"It was a handshake after the December 25th horror.", "December 25", "", true},
		{"Following its 2020 military success, Estmark grew bolder.", "2020", "", true},
		{"Halden's 2019 floods are still remembered.", "2019", "", true},
		{"On 27 June, police raided the flats under the pretext of investigating a 2001 murder.", "2001", "", true},
		{"New accusations were published regarding the tragedy of December 25, 2024.", "December 25, 2024", "", true},
		{"Police have held him since June 27.", "June 27", "", false},
		{"He was freed after June 27, his lawyer said.", "June 27", "", false},
		{"The ferry sank on December 25.", "December 25", "", false},
		{"The ferry sank on the December 25, officials said.", "December 25", "", false},
		{"In the 2020 of our records, nothing happened.", "2020", "", false},
	} {
		i := strings.Index(tt.s, tt.date)
		if got := namedInPassing(tt.s, facts.Words(tt.s), i, i+len(tt.date), tt.trigger); got != tt.want {
			t.Errorf("namedInPassing(%q, %q) = %v, want %v", tt.s, tt.date, got, tt.want)
		}
	}
}

// TestEventNamedInPassingStandsOnlyAlone: "accountability for the December
// 25 crash" in a December 2025 article is no event of 25 December 2024
// beside the article that tells the crash; alone, it is the only word of
// that day and stays.
func TestEventNamedInPassingStandsOnlyAlone(t *testing.T) {
	passing := article("b", "2025-12-30", "Ministers in Halden want accountability and compensation for the December 25, 2024 disaster.")
	told := article("a", "2024-12-26", "A Valdorian patrol boat rammed an Estmarkian ferry off Dalby on December 25, killing 38 of the 67 people on board.")
	x := NewIndex()
	x.Update(passing)
	if evs := x.Events(); len(evs) != 1 || evs[0].Date.Value != "2024-12-25" {
		t.Fatalf("alone: events %+v, want the one named in passing", evs)
	}
	x.Update(told)
	for _, e := range x.Events() {
		if e.Date.Value == "2024-12-25" && strings.Contains(e.Summary, "accountability") {
			t.Errorf("an event named in passing stands beside the told one: %+v", x.Events())
		}
	}
}

// TestPassingWeekGivesWayToATellingDay: "the deaths … last week", named
// after "follows", makes no line of that week when a sentence tells of a
// day within it.
func TestPassingWeekGivesWayToATellingDay(t *testing.T) {
	passing := article("b", "2025-03-17", "The strike follows the deaths of two miners in a police operation last week.")
	told := article("a", "2025-03-13", "Police stormed the union office in Halden on March 12.")
	x := NewIndex()
	x.Update(passing)
	if evs := x.Events(); len(evs) != 1 {
		t.Fatalf("alone: events %+v, want the week named in passing", evs)
	}
	x.Update(told)
	for _, e := range x.Events() {
		if strings.Contains(e.Summary, "strike follows") {
			t.Errorf("a week named in passing stands beside the day told within it: %+v", x.Events())
		}
	}
}

// article is a made-up article, titled by its id, published on day pub.
func article(id, pub, body string) corpus.Document {
	return corpus.Document{ID: id, Title: id, Published: pub, PublishedPrecision: "day", Body: body}
}

// TestSummaryOfTheDatedEvent: a date of an event named after another
// event word ("has jailed seven … on charges of murder … between 2001 and
// 2011") is shown with the words of its own event, not the jailing's,
// which would read as a jailing in those years; so is one named after a
// report ("said … a lawsuit … over the shooting down of an airliner in March
// 2024" was not said in March 2024); coordinated verbs ("transported …
// and buried on July 1") keep their sentence.
func TestSummaryOfTheDatedEvent(t *testing.T) {
	for _, tt := range []struct{ body, want string }{
		{"A court in Ostrava has jailed seven people pending trial on charges of murder targeting local miners between 2001 and 2011.",
			"…murder targeting local miners between 2001 and 2011."},
		{"President Lena Varga said that Valdoria is preparing a lawsuit against Estmark over the shooting down of the airliner Aurora in March 2024.",
			"…shooting down of the airliner Aurora in March 2024."},
		{"The miners' bodies were transported to Dalby and buried on July 1 in their home village.",
			"The miners' bodies were transported to Dalby and buried on July 1 in their home village."},
	} {
		ms := Extract(article("a", "2025-07-02", tt.body))
		if len(ms) == 0 || ms[0].Summary != tt.want {
			t.Errorf("%q: mentions %+v, want the summary %q", tt.body, ms, tt.want)
		}
	}
}

// TestSummaryOfAnEventAReportIsAbout: the crash a report's findings are
// "regarding" is dated by its own words, not the release's: "released a
// report … regarding the crash … on 25 December" was not released then.
func TestSummaryOfAnEventAReportIsAbout(t *testing.T) {
	body := "On Tuesday, 4 February, the Dalby Ministry of Transport released a report with preliminary findings regarding the crash of a Nordair plane near the city of Kessel on 25 December."
	var got []string
	for _, m := range Extract(article("a", "2025-02-05", body)) {
		if m.Date.Value == "2024-12-25" {
			got = append(got, m.Summary)
		}
	}
	if want := []string{"…crash of a Nordair plane near the city of Kessel on 25 December."}; !slices.Equal(got, want) {
		t.Errorf("summaries of 25 December %q, want %q", got, want)
	}
}

// TestTermsOfTwoPeopleAreTwoLines: two people remanded until the same day
// are two terms, not one line citing both articles.
func TestTermsOfTwoPeopleAreTwoLines(t *testing.T) {
	x := NewIndex()
	x.Update(article("a", "2025-07-01", "The Leninsky district court in Ostrava ruled on Tuesday to remand Ola Brandt in custody until July 19 in a murder case."))
	x.Update(article("b", "2025-07-02", "On Wednesday, the Leninsky district court in Ostrava placed the last defendant of the murder case, Ivo Marten, in custody until July 19."))
	var ends int
	for _, e := range x.Events() {
		if e.Ends {
			ends++
			if len(e.Sources) != 1 {
				t.Errorf("term end %q cites %d articles, want its own", e.Summary, len(e.Sources))
			}
		}
	}
	if ends != 2 {
		t.Errorf("%d term ends, want Brandt's and Marten's: %+v", ends, x.Events())
	}
}

// TestOppositeActsAreTwoLines: on one day, one country's envoy protesting to
// another and that envoy summoned to receive the other's protest share the
// envoy, the day and the word "protest", but go opposite ways.
func TestOppositeActsAreTwoLines(t *testing.T) {
	for _, second := range []struct{ text, want string }{
		// The opposite way: two lines.
		{"Valdoria's ambassador was summoned to the Ostrian foreign ministry on Tuesday to receive an official protest against Valdoria's actions.", "two"},
		// The same way in other words: one line.
		{"On Tuesday, Valdoria's ambassador to Ostria delivered an official protest to Ostria over the detentions.", "one"},
	} {
		x := NewIndex()
		x.Update(article("a", "2025-07-02", "On July 1, Valdoria's ambassador to Ostria, Per Lund, delivered a formal protest to Ostria, denouncing the detentions of Valdorian citizens."))
		x.Update(article("b", "2025-07-02", second.text))
		var lines []Event
		for _, e := range x.Events() {
			if e.Date.Value == "2025-07-01" {
				lines = append(lines, e)
			}
		}
		want := 1
		if second.want == "two" {
			want = 2
		}
		if len(lines) != want {
			t.Errorf("with %q: %d lines of 1 July, want %s: %+v", second.text, len(lines), second.want, lines)
		}
	}
}

// TestOnePersonsTermWrittenTwiceIsOneLine: an article that gives a remand
// and then the judge's words on it tells one term end, not two lines.
func TestOnePersonsTermWrittenTwiceIsOneLine(t *testing.T) {
	x := NewIndex()
	x.Update(article("a", "2025-07-01", "The Leninsky district court of the northern city of Ostrava ruled on Tuesday to remand Ola Brandt into custody until July 19 in connection with a string of murders that date back more than a decade.\n\n"+
		"\"The court rules to place [Brandt] under detention until July 19,\" the judge stated, reading out the verdict."))
	var ends []Event
	for _, e := range x.Events() {
		if e.Ends {
			ends = append(ends, e)
		}
	}
	if len(ends) != 1 {
		t.Errorf("%d term ends, want Brandt's one: %+v", len(ends), ends)
	}
}

// TestAMonthsEventIsNotADaysWithoutOne: a mention dated to July that tells
// an event (a missile strike) is not the source of a 1 July line
// that tells none (relations soured), whatever words they share.
func TestAMonthsEventIsNotADaysWithoutOne(t *testing.T) {
	x := NewIndex()
	x.Update(article("a", "2025-07-02", "Relations between Valdoria and Ostria continued to sour on Tuesday after two miners died in custody."))
	x.Update(article("b", "2025-08-01", "In July, as relations between Valdoria and Ostria continued to sour, the Halden Herald published a recording of the missile strike."))
	for _, e := range x.Events() {
		if e.Date.Value == "2025-07-01" && len(e.Sources) != 1 {
			t.Errorf("the 1 July line cites %d articles, want its own: %+v", len(e.Sources), e.Sources)
		}
	}
}

// TestADateInsideItsNounPhrase: "the December 25, 2024, crash of …, and
// the June 27, 2025, killing of …": each line tells its own event, not
// the other's words cut after the year's comma ("2024, crash of …").
func TestADateInsideItsNounPhrase(t *testing.T) {
	doc := article("a", "2025-09-10", "Tensions escalated following Ostria's refusal to accept responsibility for the December 25, 2024, crash of a Halden Airlines plane in Dalby, and the June 27, 2025, killing of two Haldenians in police custody in Marsk.")
	x := NewIndex()
	x.Update(doc)
	for _, e := range x.Events() {
		if strings.HasPrefix(e.Summary, "2024") || strings.HasPrefix(e.Summary, "2025") {
			t.Errorf("%s: %q opens on a date's year", e.Date, e.Summary)
		}
		if e.Date.Value == "2025-06-27" && !strings.Contains(e.Summary, "killing of two Haldenians") {
			t.Errorf("27 June reads %q, want the killing", e.Summary)
		}
	}
}

// TestADateInsideAWord: a date read inside a hyphenated word ("pre-June
// 29", "25-27 June 2025", "February-September 2025") spans the word; the
// words and dates of a sentence had disagreed on their edges, and the
// timeline crashed on the article.
func TestADateInsideAWord(t *testing.T) {
	for _, body := range []string{
		"The main insurance payments were made back in February-September 2025, the ministry stated.",
		"The pre-June 29 talks over the raids of pre-June 27 failed.",
		"The meetings on 25-27 June 2025 in Dalby failed.",
		"The June-May 29 statement over the raids of June-May 27 was issued.",
	} {
		x := NewIndex()
		x.Update(article("a", "2025-12-26", body))
		for _, e := range x.Events() {
			if !strings.Contains(body, strings.Trim(e.Summary, "…")) && !strings.HasPrefix(body, strings.TrimSuffix(e.Summary, "…")) {
				t.Errorf("%q: line %q is not the article's words", body, e.Summary)
			}
		}
	}
}

// TestALineHoldsItsDate: a sentence too long to keep a date it gives late
// reads under that date with the piece that holds it: "since the Halden
// Airlines downing in December 2024", not the opening alone, which tells
// the June 27 killing; "declared Sunday", not the summons cut off before
// it; "in 2023" after "The statement follows remarks by …", which alone
// would read as said in 2023.
func TestALineHoldsItsDate(t *testing.T) {
	for _, tt := range []struct {
		pub, body, date, want, opens string
	}{
		{"2025-07-03", "Ostrian security forces killed two Haldenian brothers and arrested nine others during violent raids on Haldenian homes in Marsk on June 27, triggering Halden's strongest diplomatic response since the Halden Airlines aircraft downing in December 2024.",
			"2024-12", "downing in December 2024", ""},
		{"2025-06-30", "Halden's Foreign Ministry summoned Ostria's charge d'affaires over the incident, demanding a full investigation and prosecution of those responsible, while the Halden Culture Ministry declared Sunday that all Ostrian cultural events in the country have been canceled.",
			"2025-06-29", "declared Sunday", ""},
		{"2025-07-23", "The statement follows remarks by Halden President Ola Brandt, who advised Estmark to resist any form of occupation, drawing a parallel to Halden's own approach in reclaiming the Dalby region from Valdoria in 2023.",
			"2023", "in 2023", "The statement follows"},
	} {
		x := NewIndex()
		x.Update(article("a", tt.pub, tt.body))
		found := false
		for _, e := range x.Events() {
			if e.Date.Value != tt.date {
				continue
			}
			found = true
			if !strings.Contains(e.Summary, tt.want) || !strings.HasPrefix(e.Summary, tt.opens) {
				t.Errorf("%s reads %q, want %q in it, opening %q", tt.date, e.Summary, tt.want, tt.opens)
			}
		}
		if !found {
			t.Errorf("no %s line for %q", tt.date, tt.body)
		}
	}
}
