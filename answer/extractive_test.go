package answer

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

var reRef = regexp.MustCompile(`\[(\d+)\]`)

// checkCitations asserts the Answer invariant: every [n] in the text has a
// Citation with Ref n, refs run 1..k in order of first use, and no
// citation goes unused.
func checkCitations(t *testing.T, a Answer) {
	t.Helper()
	var order []int
	for _, m := range reRef.FindAllStringSubmatch(a.Text, -1) {
		n, _ := strconv.Atoi(m[1])
		if !slices.Contains(order, n) {
			order = append(order, n)
		}
	}
	for i, n := range order {
		if n != i+1 {
			t.Errorf("refs in order of first use are %v, want 1..%d: %q", order, len(order), a.Text)
			break
		}
	}
	if len(a.Citations) != len(order) {
		t.Errorf("%d citations for refs %v in %q", len(a.Citations), order, a.Text)
	}
	for i, c := range a.Citations {
		if c.Ref != i+1 {
			t.Errorf("citation %d has Ref %d", i, c.Ref)
		}
		if c.PassageID == "" || c.Text == "" {
			t.Errorf("citation %d is empty: %+v", i, c)
		}
	}
}

// checkQuotes asserts that each sentence of an extractive answer is quoted
// from the passage its [n] cites.
func checkQuotes(t *testing.T, a Answer) {
	t.Helper()
	body := strings.TrimSuffix(a.Text, a.Disagreement)
	if a.DateNote != "" {
		body = strings.Replace(body, a.DateNote, "", 1)
	}
	for _, piece := range regexp.MustCompile(`\s*\[(\d+)\]\s*`).Split(body, -1) {
		piece = strings.TrimSpace(piece)
		if piece == "" {
			continue
		}
		i := strings.Index(body, piece)
		m := reRef.FindStringSubmatch(body[i+len(piece):])
		n, _ := strconv.Atoi(m[1])
		if n < 1 || n > len(a.Citations) {
			t.Fatalf("ref %d out of range in %q", n, a.Text)
		}
		// Whitespace may differ: a sentence ending in a colon is shown
		// with the paragraph it introduces, joined by a space.
		cited := strings.Join(strings.Fields(a.Citations[n-1].Text), " ")
		for _, s := range splitSentences(piece) {
			if !strings.Contains(cited, strings.Join(strings.Fields(s), " ")) {
				t.Errorf("%q is not in cited passage [%d] %s", s, n, a.Citations[n-1].PassageID)
			}
		}
	}
}

func seedEngine(t *testing.T, opts Options) *Engine {
	t.Helper()
	return New(newBM25(loadPassages(t)), opts)
}

func TestAskRejectsBadQuestions(t *testing.T) {
	e := seedEngine(t, Options{})
	long := strings.Repeat("é", 1001)
	tests := []struct {
		name, q, code, msg string
	}{
		{"empty", "", errs.Usage, "the question is empty"},
		{"blank", " \t\n ", errs.Usage, "the question is empty"},
		{"controls only", "\x00\x07\u202e", errs.Usage, "the question is empty"},
		{"mentions only", "@everyone <@123> <#9>", errs.Usage, "the question is empty"},
		{"too long", long, errs.Invalid, "the question is 1001 characters; the limit is 1000 (answer.max_question_chars)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Ask(context.Background(), tt.q)
			if errs.Code(err) != tt.code || errs.Message(err) != tt.msg {
				t.Errorf("Ask(%.20q) error = %v (code %s), want %s %q", tt.q, err, errs.Code(err), tt.code, tt.msg)
			}
			if long := errors.Is(err, ErrQuestionTooLong); long != (tt.name == "too long") {
				t.Errorf("Ask(%.20q): errors.Is(err, ErrQuestionTooLong) = %v", tt.q, long)
			}
		})
	}
}

func TestAskCleansQuestion(t *testing.T) {
	e := seedEngine(t, Options{MaxQuestionLen: 30})
	a := mustAsk(t, e, "  Who is\x00 Shahin\u202e\n Shikhlinski? ")
	if want := "Who is Shahin Shikhlinski?"; a.Question != want {
		t.Errorf("Question = %q, want %q", a.Question, want)
	}
	// The limit counts characters, not bytes: 30 two-byte runes pass.
	if _, err := e.Ask(context.Background(), strings.Repeat("é", 30)); err != nil {
		t.Errorf("30 characters at a limit of 30: %v", err)
	}
}

func TestExtractiveAnswersTypedQuestions(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx, func(t *testing.T) { testTypedQuestions(t, New(newBM25(loadFixture(t, fx)), Options{})) })
	}
}

func testTypedQuestions(t *testing.T, e *Engine) {
	tests := []struct {
		q    string
		kind kind
		want []string // all in the answer text
	}{
		{"Who are the Sputnik employees arrested in Baku?", kindPerson, []string{"Igor Kartavykh", "Yevgeny Belousov"}},
		{"Who were the brothers who died in Russian custody?", kindPerson, []string{"Safarov"}},
		{"Which journalist from Ruptly was detained?", kindPerson, []string{"Aytekin Huseynova"}},
		{"When did Azerbaijani police raid Sputnik's Baku office?", kindDate, []string{"June 30"}},
		{"When did Armenia withdraw from the CSTO?", kindDate, []string{"February 2024"}},
		{"Where was Shahin Shikhlinski detained?", kindPlace, []string{"Yekaterinburg"}},
		{"How many passengers died when the plane was shot down?", kindCount, []string{"38|Thirty-eight"}},
		{"How many Sputnik employees were detained?", kindCount, []string{"two"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if got := classify(tt.q); got != tt.kind {
				t.Errorf("classify = %v, want %v", got, tt.kind)
			}
			a, err := e.Ask(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Grounded || a.Mode != ModeExtractive {
				t.Fatalf("grounded=%v mode=%s, want a grounded extractive answer: %q", a.Grounded, a.Mode, a.Text)
			}
			for _, w := range tt.want {
				// "a|b": either wording of the value.
				if !slices.ContainsFunc(strings.Split(w, "|"), func(w string) bool { return strings.Contains(a.Text, w) }) {
					t.Errorf("answer lacks %q: %q", w, a.Text)
				}
			}
			if !strings.Contains(a.Text, "[1]") {
				t.Errorf("answer cites nothing: %q", a.Text)
			}
			if n := len(splitSentences(strings.TrimSuffix(a.Text, a.Disagreement))); n > 1+DefaultMaxSentences {
				t.Errorf("answer has %d sentences: %q", n, a.Text)
			}
			checkCitations(t, a)
			checkQuotes(t, a)
		})
	}
}

// refsOf maps the refs in a disagreement line to the documents they cite.
func docsOf(t *testing.T, a Answer, refs ...string) []string {
	t.Helper()
	var docs []string
	for _, r := range refs {
		n, _ := strconv.Atoi(r)
		if n < 1 || n > len(a.Citations) {
			t.Fatalf("ref [%s] has no citation in %q", r, a.Text)
		}
		docs = append(docs, a.Citations[n-1].DocID)
	}
	slices.Sort(docs)
	return docs
}

func TestExtractiveReportsAirlinerDateConflict(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx, func(t *testing.T) { testAirliner(t, New(newBM25(loadFixture(t, fx)), Options{})) })
	}
}

func testAirliner(t *testing.T, e *Engine) {
	// A get-passive asks of the same act: "shot" after "did … get" is
	// the act asked, not a past act that describes the plane.
	for _, q := range []string{"When was the Azerbaijani airliner shot down?", "when did the azerbaijani airliner get shot down"} {
		t.Run(q, func(t *testing.T) { testAirlinerAsked(t, e, q) })
	}
}

func testAirlinerAsked(t *testing.T, e *Engine, q string) {
	a := mustAsk(t, e, q)
	checkCitations(t, a)
	checkQuotes(t, a)
	m := regexp.MustCompile(`^Sources disagree on the date: \[(\d+)\] says “December 2023”, while \[(\d+)\] says “December 2024” and \[(\d+)\] “Last December” \(December 2024\)\.$`).FindStringSubmatch(a.Disagreement)
	if m == nil {
		t.Fatalf("Disagreement = %q, want December 2023 against December 2024; answer %q", a.Disagreement, a.Text)
	}
	if !strings.HasSuffix(a.Text, a.Disagreement) {
		t.Errorf("the answer text does not state the disagreement: %q", a.Text)
	}
	if diff := cmp.Diff([]string{"deaths-in-detention-crisis"}, docsOf(t, a, m[1])); diff != "" {
		t.Errorf("2023 side (-want +got):\n%s", diff)
	}
	// Three articles date it to 2024 ("Last December" in a July 2025
	// article is December 2024); the line cites two of them.
	for _, d := range docsOf(t, a, m[2], m[3]) {
		if !slices.Contains([]string{"south-caucasus-power-shift", "yekaterinburg-raid-fallout", "diplomatic-tensions-rise"}, d) {
			t.Errorf("2024 side cites %s, which does not date it to 2024", d)
		}
	}
	// Each side is shown in its source's own words, not "corrected".
	for _, y := range []string{"December 2023", "December 2024"} {
		if strings.Count(a.Text, y) < 2 {
			t.Errorf("%s is not quoted from its source: %q", y, a.Text)
		}
	}
}

// passagesByID picks seed passages in the given order, as a search would
// return them.
func passagesByID(t testing.TB, ids ...string) fixedSearcher {
	t.Helper()
	all := loadPassages(t)
	var out fixedSearcher
	for i, id := range ids {
		j := slices.IndexFunc(all, func(p corpus.Passage) bool { return p.ID == id })
		if j < 0 {
			t.Fatalf("no passage %s", id)
		}
		out = append(out, retrieval.Result{Passage: all[j], Rank: i + 1, Score: 1 / float64(i+1)})
	}
	return out
}

func TestExtractiveReportsOtherConflicts(t *testing.T) {
	tests := []struct {
		name     string
		q        string
		passages []string
		want     *regexp.Regexp
	}{
		{
			name:     "count",
			q:        "How many people were detained in the Yekaterinburg raid?",
			passages: []string{"south-caucasus-power-shift#006", "yekaterinburg-raid-fallout#010", "escalating-tensions#005", "deaths-in-detention-crisis#003"},
			// "50" and "dozens" can both be true: no disagreement.
			want: regexp.MustCompile(`^$`),
		},
		{
			name:     "cause",
			q:        "What caused the deaths of the Safarov brothers?",
			passages: []string{"deaths-in-detention-crisis#004", "escalating-tensions#005", "diplomatic-tensions-rise#003", "yekaterinburg-raid-fallout#012"},
			// Every article relays both claims: two accounts, not sources
			// that disagree.
			want: regexp.MustCompile(`^The articles report two accounts of the cause: post-traumatic shock, according to [^;]*(Azerbaijan|officials)[^;]* \[\d\][^;]*; (a )?heart (attack|failure)[^;]*, according to Russian authorities[^;]* \[\d\][^;]*\.$`),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := New(passagesByID(t, tt.passages...), Options{})
			a, err := e.Ask(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.want.MatchString(a.Disagreement) {
				t.Errorf("Disagreement = %q, want %v; answer %q", a.Disagreement, tt.want, a.Text)
			}
			checkCitations(t, a)
			checkQuotes(t, a)
		})
	}
}

func TestExtractiveNameSpellingIsNoConflict(t *testing.T) {
	for _, fx := range fixtures {
		e := New(newBM25(loadFixture(t, fx)), Options{})
		for _, q := range []string{"Whose visit did Azerbaijan cancel?", "Who were the brothers who died in Russian custody?"} {
			a, err := e.Ask(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Grounded || a.Disagreement != "" {
				t.Errorf("%s %s: grounded %v, Disagreement %q; want an answer and no disagreement for Alexei/Aleksei or Huseyn/Guseyn", fx, q, a.Grounded, a.Disagreement)
			}
		}
	}
}

func TestAbstainsWhenPassagesDoNotCover(t *testing.T) {
	for _, q := range []string{
		"What is the capital of France?",
		"Who won the 2022 World Cup?",
		"What did the Azerbaijani president say about Mars?",
		"what did the azerbaijani president say about mars",
		"Who is the president of the United States?",
		"What is the price of oil?",
	} {
		for _, fx := range fixtures {
			t.Run(fx+"/"+q, func(t *testing.T) {
				a, err := New(newBM25(loadFixture(t, fx)), Options{}).Ask(context.Background(), q)
				if err != nil {
					t.Fatal(err)
				}
				want := Answer{Question: q, Text: NotCovered, Mode: ModeExtractive, Citations: []Citation{}}
				if diff := cmp.Diff(want, a, cmp.FilterPath(func(p cmp.Path) bool { return p.String() == "Support" }, cmp.Ignore())); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestAbstainsWithNoPassages(t *testing.T) {
	a, err := New(fixedSearcher{}, Options{}).Ask(context.Background(), "Who detained the Safarov brothers?")
	if err != nil {
		t.Fatal(err)
	}
	if a.Grounded || a.Text != NotCovered || a.Citations == nil || len(a.Citations) != 0 {
		t.Errorf("got %+v, want an abstention with empty citations", a)
	}
}

func TestMinSupportIsTheThreshold(t *testing.T) {
	const q = "What role does Türkiye play in the South Caucasus?"
	a, err := seedEngine(t, Options{}).Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Grounded || a.Support <= 0 || a.Support >= 1 {
		t.Fatalf("default answer grounded=%v support=%v; the test needs a partly covered question", a.Grounded, a.Support)
	}
	at, err := seedEngine(t, Options{MinSupport: a.Support}).Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	above, err := seedEngine(t, Options{MinSupport: a.Support + 0.01}).Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !at.Grounded || above.Grounded {
		t.Errorf("MinSupport=support: grounded=%v; MinSupport=support+0.01: grounded=%v; want true, false", at.Grounded, above.Grounded)
	}
	// Names the passages never mention abstain regardless, unless ignored.
	never, err := seedEngine(t, Options{MinSupport: -1, IgnoreUnknownNames: true}).Ask(context.Background(), "What is the capital of France?")
	if err != nil {
		t.Fatal(err)
	}
	if never.Grounded {
		t.Errorf("a question sharing no word with any passage was answered: %q", never.Text)
	}
}

func TestAskReturnsSearchErrors(t *testing.T) {
	s := newBM25(loadPassages(t))
	s.err = errors.New("index closed")
	_, err := New(s, Options{}).Ask(context.Background(), "Who detained the brothers?")
	if err == nil || !strings.Contains(err.Error(), "index closed") {
		t.Errorf("error = %v, want the search error", err)
	}
}

// TestAnswerJSON pins the CLI's `ask --json` contract.
func TestAnswerJSON(t *testing.T) {
	a, err := seedEngine(t, Options{}).Ask(context.Background(), "Which journalist from Ruptly was detained?")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if diff := cmp.Diff([]string{"answer", "citations", "grounded", "mode", "question"}, keys); diff != "" {
		t.Errorf("answer keys (-want +got):\n%s", diff)
	}
	cits := got["citations"].([]any)
	if len(cits) == 0 {
		t.Fatal("no citations")
	}
	keys = keys[:0]
	for k := range cits[0].(map[string]any) {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if diff := cmp.Diff([]string{"doc_id", "outlet", "passage_id", "published", "ref", "text", "title", "url"}, keys); diff != "" {
		t.Errorf("citation keys (-want +got):\n%s", diff)
	}
	abst, _ := json.Marshal(abstain("q", ModeExtractive))
	if !strings.Contains(string(abst), `"citations":[]`) {
		t.Errorf("an abstention's citations marshal as %s, want []", abst)
	}
}

// TestAskFoldsWidthAndDiacritics: full-width letters and diacritics in a
// question reach the same answer as the plain spelling.
func TestAskFoldsWidthAndDiacritics(t *testing.T) {
	e := seedEngine(t, Options{})
	plain, err := e.Ask(context.Background(), "Who is Huseyn Safarov?")
	if err != nil || !plain.Grounded {
		t.Fatalf("plain question: %v, grounded %v", err, plain.Grounded)
	}
	for _, q := range []string{"Who is Hüseyn Safarov?", "Who is Hu\u0308seyn Safarov?", "ＷＨＯ ＩＳ ＨＵＳＥＹＮ ＳＡＦＡＲＯＶ?", "Who is Əliyev's Huseyn Safarov?"} {
		a, err := e.Ask(context.Background(), q)
		if err != nil {
			t.Fatalf("Ask(%q): %v", q, err)
		}
		if !a.Grounded || len(a.Citations) == 0 || a.Citations[0].PassageID != plain.Citations[0].PassageID {
			t.Errorf("Ask(%q) = grounded %v, %d citations; want the plain spelling's answer citing %s",
				q, a.Grounded, len(a.Citations), plain.Citations[0].PassageID)
		}
	}
}

// TestAskStripsMentions: Discord mention syntax in a question changes
// nothing about the answer, from the CLI as from Discord.
func TestAskStripsMentions(t *testing.T) {
	e := seedEngine(t, Options{})
	const q = "Who are the Sputnik employees arrested in Baku?"
	want, err := e.Ask(context.Background(), q)
	if err != nil || !want.Grounded {
		t.Fatalf("plain question: %+v, %v; want a grounded answer", want, err)
	}
	got, err := e.Ask(context.Background(), "@everyone <@123> <@!45> <@&67> <#89> @here "+q)
	if err != nil {
		t.Fatal(err)
	}
	if got.Question != q || got.Text != want.Text || got.Grounded != want.Grounded {
		t.Errorf("with mentions: question %q, grounded %v, text %q; want %q answered as without them (%q)",
			got.Question, got.Grounded, got.Text, q, want.Text)
	}
}

func TestStripMentions(t *testing.T) {
	got := CleanText(StripMentions("Hi @everyone and @here, <@123> <@!4> <@&5> <#6> said x@heres.com <@abc>"))
	if want := "Hi and , said x@heres.com <@abc>"; got != want {
		t.Errorf("StripMentions = %q, want %q", got, want)
	}
}

// TestAnOpeningDateDatesTheMainClause: "On Thursday, Marten publicly
// admitted …" answers "When did Marten admit …?", and the note says which
// day Thursday was, though "admitted" is no event word the reader dates
// events by: an admission is a report, and the question asks for it. A
// report's day is no day of another event ("On Thursday, officials said
// the miners died …"), nor is a date before the clause that tells it.
// "When did Varga say …?" gets the day of her words too, and so does
// "When did the ministry announce …?" when its sentence gives another date.
func TestAnOpeningDateDatesTheMainClause(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On Thursday, President Ivo Marten publicly admitted for the first time that Estmark was to blame for the crash of the airliner."),
		madeUp("b", "On Thursday, officials in Halden said the two miners had died of their injuries."),
		madeUp("c", "On Tuesday, relations between Halden and Dalby soured after the union leader was arrested."),
	}
	docs = append(docs, madeUp("d", "“The editor has been released and has flown home,” Lena Varga stated to a news agency on Sunday."),
		madeUp("e", "The Halden Transport Ministry said on Tuesday that the insurer Norvalt has been making payments to the families since February."))
	for _, tt := range []struct{ q, note string }{
		{"when did marten admit estmark shot down the airliner?", "“Thursday” [1] is 13 March 2025, counted from the article's date."},
		// The day of the asked speaker's words, the only date of her
		// sentence.
		{"When did Lena Varga say the editor had been released?", "“Sunday” [1] is 9 March 2025, counted from the article's date."},
		// The day at the verb of the asked speaker's words, not the day
		// their words give.
		{"When did the Halden Transport Ministry announce the payments to the families?", "“Tuesday” [1] is 11 March 2025, counted from the article's date."},
		{"When did the two miners die?", ""},
		{"When was the union leader arrested?", ""},
	} {
		a := askMadeUp(t, docs, tt.q)
		if a.DateNote != tt.note {
			t.Errorf("%s\nDateNote = %q, want %q\nanswer: %s", tt.q, a.DateNote, tt.note, a.Text)
		}
	}
}

func TestExtractiveSaysWhichDaysARelativeDateMeans(t *testing.T) {
	e := seedEngine(t, Options{})
	for _, tt := range []struct{ q, note string }{
		{"When did the police raid in Yekaterinburg take place?", "“last week” [1] is the week of 23 June 2025, counted from the article's date."},
		{"When did Baku bar Overchuk's visit?", "“the weekend” [1] is the weekend of 28–29 June 2025, counted from the article's date."},
		// A date stated outright needs no note.
		{"When did Azerbaijani police raid Sputnik's Baku office?", ""},
	} {
		a, err := e.Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if a.DateNote != tt.note {
			t.Errorf("%s\nDateNote = %q, want %q\nanswer: %s", tt.q, a.DateNote, tt.note, a.Text)
		}
		if !strings.Contains(a.Text, a.DateNote) {
			t.Errorf("%s: the note is not in the answer: %s", tt.q, a.Text)
		}
		checkCitations(t, a)
		checkQuotes(t, a)
	}
	// A day that dates something else is not glossed as the answer.
	docs := fixedSearcher{madeUp("a", "Relations between Valdoria and Estmark continued to sour on Tuesday after two miners died in police custody.")}
	a, err := New(docs, Options{}).Ask(context.Background(), "When did the two miners die?")
	if err != nil {
		t.Fatal(err)
	}
	if a.DateNote != "" {
		t.Errorf("DateNote = %q for a day on another event: %s", a.DateNote, a.Text)
	}
}

func TestExtractiveWhenPrefersTheAskedEventsDate(t *testing.T) {
	// Both sentences name the raid; only the second dates the raid itself.
	e := New(fixedSearcher{
		madeUp("culture", "Valdoria cancelled all festivals over the police raid in Ostrava, the ministry announced on March 9."),
		madeUp("raid", "Police carried out the raid in Ostrava on March 7, detaining dozens."),
	}, Options{})
	a := mustAsk(t, e, "When did the Ostrava police raid happen?")
	if !strings.HasPrefix(a.Text, "Police carried out the raid") {
		t.Errorf("answer starts with another event's date: %s", a.Text)
	}
}

// TestExtractiveShowsWhatAColonIntroduces: a sentence that ends "…, the
// director said:" is shown with the words it introduces.
func TestExtractiveShowsWhatAColonIntroduces(t *testing.T) {
	docs := fixedSearcher{madeUp("a", "Reacting to reports of mass detentions in Ostrava, Lena Varga, the rights group's director for the region, said:\n\n"+
		"\"The authorities must investigate every death in custody without delay.\"")}
	a, err := New(docs, Options{MaxSentences: 1}).Ask(context.Background(), "How did Lena Varga react to the reports of mass detentions in Ostrava?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "must investigate every death in custody") {
		t.Errorf("answer leaves out what the colon introduces: %s", a.Text)
	}
	checkQuotes(t, a)
}

// TestExtractiveShowsWhereAQuotationStarts: a sentence that a quotation
// runs into is shown with the sentence that opens it.
func TestExtractiveShowsWhereAQuotationStarts(t *testing.T) {
	docs := fixedSearcher{madeUp("a", "“None of the miners were killed with a firearm or a knife. "+
		"They were struck with a heavy blunt object in the cell,” Ostrava's chief medical examiner Lena Varga told reporters.")}
	a, err := New(docs, Options{MaxSentences: 1}).Ask(context.Background(), "What were the miners struck with, according to the medical examiner?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "“None of the miners were killed") {
		t.Errorf("answer starts inside the quotation: %s", a.Text)
	}
	checkQuotes(t, a)
}

// TestExtraSentencesNameWhomTheQuestionNames: a further sentence of an
// answer names whom the question and the best sentence name, itself or
// beside it; one about another meeting of one of them (with Petrov, not
// Brandt) is left out.
func TestExtraSentencesNameWhomTheQuestionNames(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Ola Brandt said he and Lena Varga share one vision of the region."),
		madeUp("b", "Ivan Petrov and Lena Varga previously met in March, but there was no substantive discussion at that time."),
		madeUp("c", "Ola Brandt opened a school in Halden last year."),
		madeUp("d", "Ola Brandt spoke of new schools in Dalby."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "What did Ola Brandt and Lena Varga discuss?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Ola Brandt said") || strings.Contains(a.Text, "Petrov") {
		t.Errorf("answer %q, want Brandt's words without Petrov's talks", a.Text)
	}
}

// TestSentenceAfterAColonIsShownOnce: a sentence ending in a colon is
// shown with the quotation it introduces; that quotation, chosen in its
// own right, is not shown a second time.
func TestSentenceAfterAColonIsShownOnce(t *testing.T) {
	e := New(fixedSearcher{
		madeUp("a", "Reacting to reports of the closure of the old market in Halden, Anna Brill, the mayor of Halden, said:\n\n“The province has shown complete contempt for the traders of the old market in Halden. It must reopen the market at once.”"),
	}, Options{})
	a := mustAsk(t, e, "What did the mayor of Halden say about the closure of the old market?")
	if n := strings.Count(a.Text, "The province has shown complete contempt"); n != 1 {
		t.Errorf("answer %q shows the quotation %d times, want once", a.Text, n)
	}
	checkCitations(t, a)
}

// TestHowOldAsksForAnAge: "old" in "how old" frames the question; it does
// not match "decades-old", which had ranked a sentence without an age
// first.
func TestHowOldAsksForAnAge(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Police in Dalby detained the miner in a decades-old murder case."),
		madeUp("c", "The miner's family said they had not been told of any charge."),
		madeUp("d", "Lawyers for the miner said he had been held without a lawyer."),
		madeUp("b", "The miner, Ilmar Vesk, 60, ran a small cafe near the station."),
	}
	a := askMadeUp(t, docs, "How old was the miner?")
	if !strings.HasPrefix(a.Text, "The miner, Ilmar Vesk, 60,") {
		t.Errorf("answer %q, want the sentence with his age", a.Text)
	}
}

// TestPhrasalVerbsMeanTheirWord: "call off" is "cancel", so "Why did
// Valdoria call off the visit?" is answered by the sentence on the
// cancelled visit, where it had looked for "call".
func TestPhrasalVerbsMeanTheirWord(t *testing.T) {
	docs := fixedSearcher{madeUp("a", "Valdoria cancelled the Estmarkian minister's visit to Halden because of the arrests of two miners.")}
	for _, q := range []string{"Why did Valdoria call off the Estmarkian minister's visit to Halden?", "Why was the Estmarkian minister's visit to Halden called off?"} {
		a, err := New(docs, Options{}).Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Grounded || !strings.Contains(a.Text, "because of the arrests") {
			t.Errorf("%s: answer %q, want the cancellation and its reason", q, a.Text)
		}
		checkCitations(t, a)
	}
}

// TestOtherWordsReachTheAnswer: questions in other words than their
// passage's find it:
//   - "take off" is "depart";
//   - "How far" asks a distance, not the sentence that names the airport
//     and the crash without one;
//   - in "How many pages long", "long" frames the count;
//   - "laid to rest" is "buried";
//   - "skip" and "stay away from" ask of attending, which a passage tells
//     as "will not attend";
//   - a finding in a bulleted list under "Key findings so far:" answers,
//     shown after its lead without its bullet.
func TestOtherWordsReachTheAnswer(t *testing.T) {
	for _, tt := range []struct {
		doc, other string
		qs         []string
		want       string // the answer holds it (leads with it, when lead)
		lead       bool
		notWant    string
	}{
		{"One year has passed since the crash of Nordair flight N4-512 from Halden to Dalby. The aircraft departed Halden at 07:56 local time.",
			"The airline's shares fell after the crash of the doomed flight.",
			[]string{"What time did the doomed flight take off from Halden?", "When exactly did the plane take off from Halden, what time?"}, "07:56", false, ""},
		{"The jet crashed near Dalby airport after a fire on board, the airport's director said.",
			"As a reminder, the Nordair jet crashed 3 kilometers from Dalby airport on December 25.",
			[]string{"How far from Dalby airport did the jet crash?"}, "As a reminder", true, ""},
		{"Details: The report, spanning 53 pages, notes that the inquiry does not aim to establish fault.",
			"The ministry released the preliminary report on the ferry's sinking on Tuesday.",
			[]string{"How many pages long was the preliminary report?"}, "53 pages", false, ""},
		{"The two miners who died in custody were laid to rest in Dalby on Sunday.",
			"The two miners died in custody in Halden after the raid, officials said.",
			[]string{"Where were the two miners buried?"}, "The two miners who died in custody were laid to rest", true, ""},
		{"President Ola Brandt will not attend the informal summit in Dalby on Monday, state media reported.",
			"The summit in Dalby will discuss trade and energy, its hosts said.",
			[]string{"Why did Brandt skip the informal summit in Dalby?", "Why did Brandt stay away from the informal summit in Dalby?"}, "President Ola Brandt will not attend", true, ""},
		{"The commission has released its interim report on the ferry.\n\nKey findings so far:\n\n  • no traces of explosives were detected\n  • no evidence of fire in the engine room\n\nThe final report is due next year.",
			"The ferry sank near Kessel in December, killing 38 people.",
			[]string{"Did investigators find traces of explosives on the ferry?"}, "Key findings so far: no traces of explosives were detected", false, "•"},
	} {
		docs := fixedSearcher{madeUp("a", tt.doc), madeUp("b", tt.other)}
		for _, q := range tt.qs {
			a := askMadeUp(t, docs, q)
			if tt.lead && !strings.HasPrefix(a.Text, tt.want) || !strings.Contains(a.Text, tt.want) || tt.notWant != "" && strings.Contains(a.Text, tt.notWant) {
				t.Errorf("%s: answer %q, want %q (leading: %v), without %q", q, a.Text, tt.want, tt.lead, tt.notWant)
			}
		}
	}
}

// TestAFlightNumberInASummaryPoint: "- Valdoria blames Estmark for
// downing Flight 8243 over the sea", a point of a summary, gives the
// flight number a question asks for in other words; "number" frames the
// question, and a count after the plane is no code.
func TestAFlightNumberInASummaryPoint(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "At a Glance\n\n- Valdoria blames Estmark for downing Flight 8243 over the sea\n- Two Valdorian miners died in custody after police raids"),
		madeUp("b", "The ferry sank near Kessel in December, killing 38 people."),
	}
	// The code is the asked value, as a date is for "when": a word of
	// the question the passages lack ("nordic") leaves it the answer.
	for _, q := range []string{"What was the flight number of the Valdorian plane that crashed?", "what was the flight number of the nordic jet that went down?"} {
		if a := askMadeUp(t, docs, q); !strings.Contains(a.Text, "Flight 8243") || strings.Contains(a.Text, "- ") {
			t.Errorf("%s: answer %q, want the flight number, without the point's dash", q, a.Text)
		}
	}
	// A count in brackets after the plane is no code.
	docs = fixedSearcher{
		madeUp("a", "A total of 40 people were on board the downed Valdorian plane (36 passengers, 4 crew members), officials said."),
		madeUp("b", "The ferry sank near Kessel in December, killing 38 people."),
	}
	if a := askMadeUp(t, docs, "What was the flight number of the downed Valdorian plane?"); a.Grounded {
		t.Errorf("answer %q, want none: no passage gives the flight's number", a.Text)
	}
}

// TestCalledInAndLockedUp: "called in" or "hauled in" an envoy is
// "summoned" him, and "locked up", "rounded up" and "nabbed" are
// "detained".
func TestCalledInAndLockedUp(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On Tuesday, Valdoria's foreign ministry summoned the Estmarkian envoy over the arrests of two miners."),
		madeUp("c", "On Monday, Valdoria's foreign ministry called for an inquiry into the arrests."),
		madeUp("b", "Police in Halden detained nine miners during the raids, officials said."),
	}
	for q, want := range map[string]string{
		"When did Valdoria's foreign ministry call in the Estmarkian envoy?": "Tuesday",
		"how many miners got locked up in the raids?":                        "nine miners",
		"How many miners were rounded up in the raids?":                      "nine miners",
		"how many miners got nabbed in the raids?":                           "nine miners",
		"When did Valdoria's foreign ministry haul in the Estmarkian envoy?": "Tuesday",
	} {
		a, err := New(docs, Options{}).Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Grounded || !strings.Contains(a.Text, want) {
			t.Errorf("%s: answer %q, want %q", q, a.Text, want)
		}
		if strings.Contains(a.Text, "Monday") {
			t.Errorf("%s: answer %q holds the day of the call for an inquiry", q, a.Text)
		}
	}
}

// TestInteriorMinistryIsInternalAffairs: "the Interior Ministry" is
// "the Ministry of Internal Affairs".
func TestInteriorMinistryIsInternalAffairs(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Valdoria's Ministry of Internal Affairs said it was investigating claims that Nord News was working without a licence, media outlets said."),
		madeUp("b", "Police in Halden searched the offices of Nord News on Monday, local media reported."),
	}
	wantOpening(t, docs, "What reason did Valdoria's Interior Ministry give for going after Nord News?", "Valdoria's Ministry of Internal Affairs said", "the ministry's reason")
}

// TestIdiomsMeanTheirWord: "say sorry" is "apologise", and "lose their
// lives" or "pass away" is "die", which asks for a cause.
func TestIdiomsMeanTheirWord(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "President Lena Varga visited the crew of the ferry Aurora in Halden for the second time."),
		madeUp("b", "The two miners held in Halden were questioned by investigators for many hours."),
		madeUp("c", "Lena Varga apologised for the downing of the ferry."),
		madeUp("d", "Investigators said the miners died of heart failure."),
	}
	tests := []struct{ q, want string }{
		{"Did Lena Varga say sorry for the ferry?", "Lena Varga apologised"},
		{"How did the two miners held in Halden lose their lives?", "died of heart failure"},
		{"How did the two miners held in Halden pass away?", "died of heart failure"},
	}
	for _, tt := range tests {
		a, err := New(docs, Options{}).Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Grounded || !strings.HasPrefix(a.Text, tt.want) && !strings.Contains(a.Text, tt.want) {
			t.Errorf("%s: answer %q, want %q", tt.q, a.Text, tt.want)
		}
		checkCitations(t, a)
	}
}

// TestAMonthIsMatchedByTheSentencesDate: "in March" is no unknown name,
// and a sentence whose date falls in March ("on Sunday", 9 March) holds
// it.
func TestAMonthIsMatchedByTheSentencesDate(t *testing.T) {
	docs := fixedSearcher{madeUp("a", "On Sunday, the ministry said Ola Brandt had been freed and flown home to Halden.")}
	a := askMadeUp(t, docs, "What happened to Ola Brandt in March?")
	if !a.Grounded || !strings.Contains(a.Text, "freed and flown home") {
		t.Errorf("answer %q, want the sentence of his release on 9 March", a.Text)
	}
}

// TestAMonthInTheQuestionIsASentenceDate: the question's month counts as
// held by a sentence dated in it, and not by one dated in another month.
func TestAMonthInTheQuestionIsASentenceDate(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On February 20, Valdoria cancelled the annual festival of the miners' union."),
		madeUp("b", "On Sunday, Valdoria cancelled a planned visit by the Estmarkian trade minister."),
	}
	a := askMadeUp(t, docs, "What did Valdoria cancel in March?")
	if !strings.HasPrefix(a.Text, "On Sunday, Valdoria cancelled a planned visit") {
		t.Errorf("answer %q, want the cancellation of 9 March first", a.Text)
	}
}

// TestHowOldLooksFurtherForAnAge: when the passages read give no age, the
// answer looks further down the ranking for one.
func TestHowOldLooksFurtherForAnAge(t *testing.T) {
	rs := []retrieval.Result{
		madeUp("a", "The two miners who died in custody in Halden were brothers, the union said."),
		madeUp("b", "Two brothers died in police custody in Halden after the raid on their cafe."),
		madeUp("c", "The bodies of the two brothers who died in Halden, Ivo Marten, 41, and Pavel Marten, 38, were flown home."),
	}
	if a := askRanked(t, rs, "How old were the two brothers who died in Halden?"); !strings.Contains(a.Text, "Ivo Marten, 41") {
		t.Errorf("answer %q, want the sentence with their ages", a.Text)
	}
}

// TestWhoDidItLooksFurtherForTheDoer: "who did it" is answered by a
// sentence of the act that names its doer, looked for further down the
// ranking when the passages read only tell of the act; the act may be
// written with an abbreviation its article defines.
func TestWhoDidItLooksFurtherForTheDoer(t *testing.T) {
	rs := []retrieval.Result{
		madeUp("a", "Northland Airways (NWA) resumed its flights to Ostria on Monday, the airline said."),
		madeUp("b", "The NWA jet that was shot down in May carried 40 people, the chief of the airline said on Monday."),
		madeUp("c", "Relations soured after Ostrian air defences shot down a Northland Airways flight over the border in May."),
	}
	if a := askRanked(t, rs, "Who shot down the NWA jet?"); !strings.HasPrefix(a.Text, "Relations soured after Ostrian air defences shot down") {
		t.Errorf("answer %q, want the sentence that says who shot it down", a.Text)
	}

	// "Who reported that …": the act asked is the report, not the
	// release in the clause it takes; no one else's release answers.
	rs = []retrieval.Result{
		madeUp("a", "Security forces have released the Nord editor Ivo Marten, who has flown home to Ostria."),
		madeUp("b", "Ivo Marten has flown out of Halden after his release from custody, Ostria's foreign ministry spokeswoman Lena Berg reported."),
		madeUp("c", "Valdoria released the bureau chief of Nord after talks with Ostria, a newspaper reported."),
	}
	if a := askRanked(t, rs, "Who reported that Ivo Marten had been released?"); !strings.Contains(a.Text, "Lena Berg reported") {
		t.Errorf("answer %q, want Lena Berg's report", a.Text)
	}
}

// TestSecondCountIsOfTheAskedPlace: a count question's second sentence
// does not bring another place's count of the same event word.
func TestSecondCountIsOfTheAskedPlace(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Tensions between Valdoria and Ostria escalated following the detention of over 50 Valdorians in Halden in raids by Ostria's security service last Friday. "+
			"Two employees of Ostria's security service were among seven people detained after the raid on the offices of Nord Valdoria, the news agency reported."),
	}
	a := askMadeUp(t, docs, "How many people were detained in the Nord Valdoria case?")
	if !strings.Contains(a.Text, "seven people") || strings.Contains(a.Text, "over 50") {
		t.Errorf("answer %q, want the seven of the raid on Nord Valdoria and not Halden's count", a.Text)
	}
}

// TestHowManyWithoutAFigureSaysSo: a "how much" question whose passages
// tell of what is asked but give no figure of it says so, rather than
// quote a sentence that would read as the answer; a figure further down
// the ranking answers. A question that counts a noun of its own is
// answered by a count of that noun only.
func TestHowManyWithoutAFigureSaysSo(t *testing.T) {
	rs := []retrieval.Result{
		madeUp("a", "Ostria's president said compensation would be paid to the families of the victims of the Halden crash."),
		madeUp("b", "The families of the Halden crash victims are still waiting for compensation from Ostria, their lawyer said."),
	}
	const q = "How much compensation did Ostria pay the families of the Halden crash victims?"
	if a := askRanked(t, rs, q); a.Grounded || a.Text != NoFigure {
		t.Errorf("answer %q, want %q", a.Text, NoFigure)
	}
	rs = append(rs, madeUp("c", "Ostria paid compensation of $20,000 to each of the families of the Halden crash victims."))
	if a := askRanked(t, rs, q); !a.Grounded || !strings.Contains(a.Text, "$20,000") {
		t.Errorf("answer %q, want the figure from further down", a.Text)
	}
	// A count of something else is no figure of the compensation.
	rs = []retrieval.Result{
		madeUp("a", "The two presidents discussed the compensation Ostria owes the families of the Halden crash victims."),
		madeUp("b", "Ostria's president said compensation would be paid."),
	}
	if a := askRanked(t, rs, q); a.Grounded || a.Text != NoFigure {
		t.Errorf("answer %q, want %q", a.Text, NoFigure)
	}
	// "How many tourists": a count of IT specialists, one of them a
	// tourist, is no figure of the tourists.
	rs = []retrieval.Result{
		madeUp("a", "Haldish police also detained several Estmark IT specialists — one reportedly a tourist — in Dalby."),
		madeUp("b", "Tourists from Estmark visited Halden less often after the crisis."),
	}
	if a := askRanked(t, rs, "How many Estmark tourists visited Halden in 2025?"); a.Grounded || a.Text != NoFigure {
		t.Errorf("answer %q, want %q", a.Text, NoFigure)
	}
}

// TestAnActInOtherWords: "Who was freed …?" is answered by the sentence
// where someone "has been released", though no passage says "freed": an
// event word the thesaurus relates to the question's is its act.
func TestAnActInOtherWords(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The first meeting in a long time between the leaders Ivo Tamm and Lena Varga took place on October 9 in Dalby. Editor Pavel Marten and one of the Haldish men arrested in Estmark have been released. The talks lasted two hours."),
		madeUp("b", "Tamm and Varga spoke about trade at the meeting in Dalby, where the summit was held."),
	}
	a := askMadeUp(t, docs, "Who was freed after the Tamm-Varga meeting?")
	if !strings.Contains(a.Text, "Pavel Marten and one of the Haldish men arrested in Estmark have been released") {
		t.Errorf("answer %q, want the sentence of the release", a.Text)
	}
}

func TestLookupStemOfAnEedForm(t *testing.T) {
	known := map[string][]string{"free": {"releas"}, "need": {"requir"}, "fee": {"charg"}, "feed": {"nourish"}}
	lookup := func(st string) []string { return known[st] }
	for w, want := range map[string]string{"freed": "free", "Freed": "free", "need": "need", "feed": "feed", "released": "releas"} {
		if got := lookupStem(w, lookup); got != want {
			t.Errorf("lookupStem(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestTheWordsSaidMayBeParaphrased: "When did Tamm say that … contradicted
// …?" asks when he said it; his words may say it otherwise ("is absolutely
// inconsistent with"), and no sentence need hold "contradicted".
func TestTheWordsSaidMayBeParaphrased(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The detention of Estmark reporters in Halden is “absolutely inconsistent” with the norms and spirit of bilateral relations, Estmark spokesman Ivo Tamm said on Friday."),
		madeUp("b", "Halden police detained two Estmark reporters in Dalby on Monday."),
	}
	a := askMadeUp(t, docs, "When did Ivo Tamm say that detaining the reporters contradicted the norms of bilateral relations?")
	if !a.Grounded || !strings.Contains(a.Text, "Ivo Tamm said on Friday") || a.DateNote == "" {
		t.Errorf("answer %q, note %q; want Tamm's words and the day Friday was", a.Text, a.DateNote)
	}
}

// TestAVerbMeetsItsNoun: "How did Estmark respond" is answered by "In
// response, Estmark said …": the verb's noun holds the question's word.
func TestAVerbMeetsItsNoun(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "President Lena Varga said in July that Halden would apply to international courts over the crash. In response, Estmark said it is Halden's right to go to court and that it will wait for official verdicts."),
		madeUp("b", "Varga's plan to go to international courts was first reported by Estmark media in July."),
	}
	a := askMadeUp(t, docs, "How did Estmark respond to Varga's plan to go to international courts?")
	if !strings.HasPrefix(a.Text, "In response, Estmark said") {
		t.Errorf("answer %q, want Estmark's response first", a.Text)
	}
	for st, want := range map[string]string{"respond": "respons", "respons": "respond", "decid": "decis", "rise": "", "pass": ""} {
		if got := alternateForm(st); got != want {
			t.Errorf("alternateForm(%q) = %q, want %q", st, got, want)
		}
	}
}

// TestWhichYearsAsksForYears: "In which years …" is not answered by the
// day the case was opened, when a sentence gives the years.
func TestWhichYearsAsksForYears(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Police in Dalby detained dozens of suspects on Friday. The next day, the committee said it was investigating killings and attempted killings committed by the Dalby suspects."),
		madeUp("b", "On June 28, the committee said the suspects had dismantled a group involved in a series of killings committed in Dalby in the early 2000s."),
	}
	a := askMadeUp(t, docs, "In which years were the killings that the Dalby suspects were investigated for committed?")
	if !strings.HasPrefix(a.Text, "On June 28, the committee said the suspects had dismantled") {
		t.Errorf("answer %q, want the sentence that gives the years", a.Text)
	}
}

// TestWhenOfAnUndatedAct: "When was Marten let go?" is not answered by the
// dated sentence of another act (his appeal's rejection): the sentence of
// his release, which gives no date, answers with its article's date as
// its bound. A phrasal verb is its meaning ("let go" is "release").
func TestWhenOfAnUndatedAct(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On July 7, a Dalby court rejected appeals by lawyers for the reporters Pavel Marten and Ivo Tamm. Pavel Marten, the director of the bureau, was released from custody in Dalby, according to a presidential aide."),
		madeUp("b", "The two presidents met in Halden on Thursday."),
	}
	a := askMadeUp(t, docs, "When was Pavel Marten let go?")
	if !strings.HasPrefix(a.Text, "Pavel Marten, the director of the bureau, was released") || !strings.Contains(a.Text, "The article gives no date for it; it was published on") {
		t.Errorf("answer %q, want the release and its article's date", a.Text)
	}
	if got, want := askedVerbKeys("When was Pavel Marten let go?"), []string{keyOf("release")}; !slices.Equal(got, want) {
		t.Errorf("askedVerbKeys = %q, want %q", got, want)
	}
	if got, want := askedVerbKeys("When did Tamm say the visit was called off?"), []string(nil); !slices.Equal(got, want) {
		t.Errorf("askedVerbKeys of words said = %q, want %q", got, want)
	}
}

func TestPublishedOnAtItsPrecision(t *testing.T) {
	for _, tt := range []struct{ published, precision, want string }{
		{"2025-10-10", "day", "on 10 October 2025"},
		{"2025-07", "month", "in July 2025"},
		{"2025-06-30", "week", "in the week of 30 June 2025"},
	} {
		r := retrieval.Result{}
		r.Published, r.PublishedPrecision = tt.published, tt.precision
		if got, _ := publishedOn(r); got != tt.want {
			t.Errorf("publishedOn(%s, %s) = %q, want %q", tt.published, tt.precision, got, tt.want)
		}
	}
}

// TestWhyAccordingToASpeakerInTheirNoun: "Why were relations tense,
// according to Varga?" is answered by her words on "the tension", not by
// another article's sentence that says "tense" but is no one's words.
func TestWhyAccordingToASpeakerInTheirNoun(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The recent apology is a step towards normal relations, Lena Varga, Halden's ministry spokesperson, said. She explained that the tension in relations in the past year was primarily caused by the sinking of a Haldish ferry."),
		madeUp("b", "Relations between Halden and Estmark were historically tense after the war, largely due to Estmark's support for Valdoria."),
	}
	a := askMadeUp(t, docs, "Why were relations tense, according to Varga?")
	if !strings.Contains(a.Text, "primarily caused by the sinking") || strings.Contains(a.Text, "historically tense") {
		t.Errorf("answer %q, want Varga's reason", a.Text)
	}
}

// TestAccordingToASpeakerWhoseWordsAreNotThere: "According to Halden's
// spokesman, what caused …" is not answered by the Estmark spokesman's
// words, which would read as his: it says it found none of his. With his
// words there, they answer. "What really caused" asks a reason, and
// "relations" are no relatives.
func TestAccordingToASpeakerWhoseWordsAreNotThere(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "What caused relations with Halden to sour was the arrest of Estmark citizens, Estmark foreign ministry spokesman Ivo Tamm said."),
		madeUp("b", "Relations between Estmark and Halden soured in December when a ferry sank."),
	}
	const q = "According to Halden's foreign ministry spokesman, what really caused relations with Estmark to sour?"
	if a := askMadeUp(t, docs, q); a.Grounded || !strings.HasPrefix(a.Text, "I found no words of Halden's foreign ministry spokesman") {
		t.Errorf("answer %q, want no words of Halden's spokesman", a.Text)
	}
	docs = append(docs, madeUp("c", "Relations soured because of the sinking of the ferry and the behaviour of Estmark officials, Halden's foreign ministry spokesman Pavel Marten said."))
	wantHolding(t, docs, q, "Pavel Marten said")
	if k := classify(q); k != kindReason {
		t.Errorf("classify = %v, want a reason", k)
	}
}

// TestTakePlaceSaysNothing: "When did the meeting in Dalby take place?"
// asks when the meeting was: "take place" holds no word a sentence must
// have, so one that dates the meeting in other words answers.
func TestTakePlaceSaysNothing(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "In line with the agreements the two leaders reached during their meeting in Dalby on October 9, 2025, the sides will settle the dispute."),
		madeUp("b", "On December 11, a protest was held in front of the Haldish embassy."),
		madeUp("c", "Ivo Tamm and Lena Varga have led their countries for years."),
	}
	a := askMadeUp(t, docs, "When did the Tamm-Varga meeting in Dalby take place?")
	if !strings.Contains(a.Text, "October 9, 2025") {
		t.Errorf("answer %q, want the meeting's date", a.Text)
	}
	for _, tk := range tokenize("the meeting took place in Dalby") {
		if (tk.Word == "took" || tk.Word == "place") && !tk.Stop {
			t.Errorf("%q is a content word of \"took place\"", tk.Word)
		}
	}
}

// TestAPlaceOfAnotherEvent: "the Dalby killings" puts the killings in
// Dalby, not the arrests of the sentence: "How many were arrested in
// Dalby?" is not answered by Halden's eight.
func TestAPlaceOfAnotherEvent(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Halden has arrested eight Estmark citizens on drug charges whilst delivering a protest over the Dalby killings."),
		madeUp("b", "Officers in Dalby detained more than 50 people of Haldish origin during the raid, the ministry said."),
	}
	a := askMadeUp(t, docs, "How many people were arrested in Dalby?")
	if !strings.Contains(a.Text, "more than 50 people") || strings.HasPrefix(a.Text, "Halden has arrested") {
		t.Errorf("answer %q, want Dalby's count first", a.Text)
	}
}

// TestAnotherNationsMinistry: "What did Sweden's Foreign Ministry say?"
// is not answered by the Foreign Ministry in Oslo, though the two share
// "Foreign Ministry", nor by "the ministry said" after it; and "What did
// Finland's Foreign Ministry say?", which no sentence gives, is declined.
func TestAnotherNationsMinistry(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The Foreign Ministry in Oslo summoned Sweden's envoy on Saturday to protest what it called the brutal killing of two fishermen. Sweden's Foreign Ministry said the envoy had offered the necessary explanations. The ministry said those arrested were accused of past crimes."),
		madeUp("b", "The fishermen's deaths strained ties between Norway, Sweden and Finland."),
	}
	a := askMadeUp(t, docs, "What did Sweden's Foreign Ministry say about the fishermen's deaths?")
	if !strings.HasPrefix(a.Text, "Sweden's Foreign Ministry said the envoy") {
		t.Errorf("answer %q, want Sweden's ministry's words first", a.Text)
	}
	if a := askMadeUp(t, docs, "What did Finland's Foreign Ministry say about the fishermen's deaths?"); a.Grounded {
		t.Errorf("answer %q, want none: no words of Finland's", a.Text)
	}
}

// TestANameGoesOnByItsLastWord: an article that names "Ola Brandt" once
// goes on with "Brandt" alone, and "left" is the "leave" the question
// asks of: "When did Ola Brandt leave Halden?" is answered by "On July 9,
// Brandt left Halden", not by the dated sentence that names him in full.
func TestANameGoesOnByItsLastWord(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On July 4, it became known that the Halden authorities deprived the head of the Estmark diaspora, Ola Brandt, of his citizenship. This decision was not a consequence of the crisis, said his lawyer. On July 9, Brandt left Halden."),
		madeUp("b", "Estmark's diaspora in Halden has complained of checks by security officials."),
	}
	q := "When did Ola Brandt leave Halden?"
	if a := askMadeUp(t, docs, q); !strings.Contains(a.Text, "July 9") || strings.Contains(a.Text, "July 4") {
		t.Errorf("%s: answer %q, want July 9 alone", q, a.Text)
	}
}

// TestANationsWordOnlyQualifiesADescription: "What did Swedish state
// television say" is not answered by Swedish officials' words: the
// nation's word qualifies the voice the question describes. With state
// television's words in the passages, they answer.
func TestANationsWordOnlyQualifiesADescription(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Swedish officials claimed that such treatment of their citizens was systematic in Norway and accused Norway's police of ethnically motivated killings."),
		madeUp("b", "In protest, all cultural events related to Norway were cancelled, and state television condemned the imperial behaviour of Norway's police in prime time."),
	}
	if a := askMadeUp(t, docs, "What did Swedish state television say about Norway's police?"); a.Grounded {
		t.Errorf("answer %q, want none: no words of Swedish state television", a.Text)
	}
	docs = append(docs, madeUp("c", "Swedish state television said the killings showed the imperial behaviour of Norway's police."))
	wantOpening(t, docs, "What did Swedish state television say about Norway's police?", "Swedish state television said", "its words")
	// A sentence no one is cued to speak that names the voice as the
	// question writes it tells what it said.
	docs = fixedSearcher{
		madeUp("a", "After the raid, the rising tensions were accompanied by Swedish disinformation attacks against Norway, going as far as to declare “Sweden's next war front”."),
		madeUp("b", "In protest, all cultural events related to Norway were cancelled in Stockholm."),
	}
	wantOpening(t, docs, "What did Swedish disinformation call Norway after the raid?", "After the raid, the rising tensions were accompanied by Swedish disinformation", "what it called Norway")
}

// TestWhoWasTheRoleNoPassageNames: "Who was the judge who ordered the
// eight held?" is declined when no passage speaks of a judge: the names
// the passages give are others'. With the judge named, it is answered.
func TestWhoWasTheRoleNoPassageNames(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The deaths of two Haldish brothers, Ivo Tamm and Pavel Tamm, led to the arrest of eight Estmark citizens in Dalby."),
		madeUp("b", "The Dalby District Court ordered all eight Estmark suspects held for four months."),
	}
	const q = "Who was the judge who ordered the eight Estmark citizens held?"
	if a := askMadeUp(t, docs, q); a.Grounded {
		t.Errorf("answer %q, want none: no passage names a judge", a.Text)
	}
	docs = append(docs, madeUp("c", "Judge Lena Varga of the Dalby District Court ordered the eight Estmark citizens held."))
	wantHolding(t, docs, q, "Lena Varga")
}

// TestHowManyOfAnActNoCountTells: "How many Haldish people live in
// Dalby?" is not answered by a count of those who died there: no sentence
// with a count tells of living there. "How many people died" is.
func TestHowManyOfAnActNoCountTells(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The deaths of two Haldish miners in the city of Dalby escalated into a diplomatic confrontation."),
		madeUp("b", "A court in Dalby placed six Haldish men in detention over a murder case."),
	}
	if a := askMadeUp(t, docs, "How many Haldish people live in the city of Dalby?"); a.Grounded {
		t.Errorf("answer %q, want none: no count of who lives there", a.Text)
	}
	wantHolding(t, docs, "How many Haldish miners died in Dalby?", "two Haldish miners")
	for q, want := range map[string]string{
		"How many Azerbaijanis live in Yekaterinburg?":          keyOf("live"),
		"How many Russian tourists visited Azerbaijan in 2025?": keyOf("visited"),
		"How many people were detained in the raid?":            "",
		// A light verb or a two-word one says nothing of its own.
		"How many people ended up in hospital?":     "",
		"How many people got locked up?":            "",
		"How many people locked up the office?":     "",
		"How many Haldish people live in the city?": keyOf("live"),
	} {
		if got := countPredicate(questionTokens(q)); got != want {
			t.Errorf("countPredicate(%q) = %q, want %q", q, got, want)
		}
	}
}

// TestASpeakerSpeltOneLetterOff: "What did Zelinsky say?" is answered by
// the words of "Lena Zelinskyy", as the article spells her: a name one
// letter off is hers, in her speech facts as in the sentence.
func TestASpeakerSpeltOneLetterOff(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The brothers' deaths shocked Halden, officials said. Lena Zelinskyy believes that all facts will be clarified and justice done."),
		madeUp("b", "Estmark police said the brothers died of heart failure."),
	}
	wantOpening(t, docs, "What did Zelinsky say about the brothers' deaths?", "Lena Zelinskyy believes", "her words")
}

// TestHowLargeAsksAnAmount: "How large was trade …, according to Varga?"
// asks a figure: "large" is no word a sentence must hold.
func TestHowLargeAsksAnAmount(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Speaking to reporters, Lena Varga argued that the figures favour Halden. \"In 2024, the trade turnover between Estmark and Halden was $4 billion,\" Varga said."),
		madeUp("b", "Estmark's deputy floated a ban on Haldish imports."),
	}
	wantHolding(t, docs, "How large was trade between Estmark and Halden in 2024, according to Varga?", "$4 billion")
	for _, tk := range questionTokens("How large was trade?") {
		if tk.Word == "large" && !tk.Stop {
			t.Errorf("\"large\" of \"how large\" is a content word")
		}
	}
}

// TestHowMuchMoneyIsASum: "How much money went to injured passengers"
// measures money, the noun right after "much", and a count of the
// passengers is no answer to it.
func TestHowMuchMoneyIsASum(t *testing.T) {
	rs := []retrieval.Result{
		madeUp("a", "Claims for the injuries and deaths of 46 of the 62 passengers on the flight have been settled, the ministry said."),
		madeUp("b", "Payments to the injured passengers and relatives of the dead total 358.4 million rubles."),
	}
	a := askRanked(t, rs, "How much money went to injured passengers and relatives of the dead?")
	if !strings.HasPrefix(a.Text, "Payments to the injured") {
		t.Errorf("answer %q, want the sum first", a.Text)
	}
}

// TestWhoCalledItFindsASourceWithoutAQuotation: "allegations that the
// Halden Herald rejects as absurd" names who called them absurd, though
// no quotation marks stand around the word.
func TestWhoCalledItFindsASourceWithoutAQuotation(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Police in Halden arrested the two reporters, Ivo Marten and Pavel Marten, on Monday over spying allegations."),
		madeUp("b", "Local media claim that the two are spies for Estmark, allegations that Radio-Halden rejects as absurd."),
	}
	a := askMadeUp(t, docs, "Who called the spying allegations absurd?")
	if !strings.HasPrefix(a.Text, "Local media claim") {
		t.Errorf("answer %q, want the sentence naming Radio-Halden first", a.Text)
	}
}

// TestChatFillerWordsCarryNoContent: a greeting, "guys" or "whats" in a
// chat question is no word the articles must hold.
func TestChatFillerWordsCarryNoContent(t *testing.T) {
	docs := fixedSearcher{madeUp("a", "The Brandt brothers, Ola and Ivo, ran a small cafe in Halden and were charged with fraud.")}
	for _, q := range []string{"hi who are the brandt brothers", "what were the brandt guys charged with", "whats the cafe the brandt brothers ran"} {
		a, err := New(docs, Options{}).Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Grounded {
			t.Errorf("%s: answer %q, want the sentence on the brothers", q, a.Text)
		}
		checkCitations(t, a)
		for _, tok := range questionTokens(q) {
			if w := strings.ToLower(tok.Word); !tok.Stop && (w == "hi" || w == "guys" || w == "whats") {
				t.Errorf("%s: %q is a content word of the question", q, tok.Word)
			}
		}
	}
}

// TestALowerCaseMisspeltNameIsFound: "what did martinen say" typed in a
// chat is Ivo Marttinen's words.
func TestALowerCaseMisspeltNameIsFound(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The police in Halden closed a small cafe on the main square on Monday."),
		madeUp("b", "Ivo Marttinen said the cafe had been closed without a court order."),
	}
	a := askMadeUp(t, docs, "what did martinen say about the cafe")
	if !strings.HasPrefix(a.Text, "Ivo Marttinen said") {
		t.Errorf("answer %q, want Marttinen's words", a.Text)
	}
}

// TestDoSupportAsksItsOwnVerb: in "When did Marten admit Estmark shot down
// the airliner?" the asked event is the admission; the downing is of the
// clause "admit" takes, so its date, and the sources' disagreement on it,
// do not answer.
func TestDoSupportAsksItsOwnVerb(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "In December 2023, an airliner was shot down near Halden by Estmarkian missiles."),
		madeUp("b", "On Thursday, Estmarkian President Ivo Marten admitted for the first time that his country's missiles had downed the airliner."),
		madeUp("c", "Officials said the airliner was shot down near Halden in December 2024."),
	}
	a := askMadeUp(t, docs, "When did Marten admit Estmark shot down the airliner?")
	if !strings.HasPrefix(a.Text, "On Thursday, Estmarkian President Ivo Marten admitted") || strings.Contains(a.Text, "disagree") || strings.Contains(a.Text, "December") {
		t.Errorf("answer %q, want the admission, without the downing's dates", a.Text)
	}
}

// TestANameOfSeveralWordsIsOneName: "the Nordic Council" is not "Nordic"
// in one sentence and "Security Council" in another; "President Marten"
// is "President Ivo Marten".
func TestANameOfSeveralWordsIsOneName(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Nordic leaders met in Halden on Monday to discuss the deaths of the two miners."),
		madeUp("b", "The Security Council said on Tuesday that the deaths of the two miners must be investigated."),
		madeUp("c", "President Ivo Marten said the deaths of the two miners were a tragedy."),
	}
	e := New(docs, Options{})
	a := mustAsk(t, e, "What did the Nordic Council say about the deaths of the miners?")
	if a.Grounded {
		t.Errorf("answer %q, want an abstention: no article names the Nordic Council", a.Text)
	}
	a = mustAsk(t, e, "What did President Marten say about the deaths of the miners?")
	if !strings.HasPrefix(a.Text, "President Ivo Marten said") {
		t.Errorf("answer %q, want Marten's words", a.Text)
	}
	checkCitations(t, a)
}

// TestWhatAnUnheardSpeakerSaidAbstains: "What did Ostria say" is not
// answered with another speaker's words when no article gives Ostria's;
// words told of without a reporting verb ("Dalby voiced concern") are
// Dalby's.
func TestWhatAnUnheardSpeakerSaidAbstains(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Halden, which has close ties with Ostria, is where the two miners had worked for years, they say."),
		madeUp("b", "Halden's foreign ministry said the deaths of the two miners were a crime."),
		madeUp("c", "Dalby voiced deep concern over the deaths of the two miners in Halden."),
		madeUp("d", "Erik Lund, Spokesperson for Dalby's Foreign Ministry, responded to comments made by Ivo Marten on the deaths of the two miners."),
		madeUp("e", "Anna Holm, Miners Watch's Director for the Northern Basin and the Eastern Coast of Estmark, said: \"The deaths of the two miners must be investigated by an independent body.\""),
	}
	e := New(docs, Options{})
	// The name inside the clause before the word of speech.
	a := mustAsk(t, e, "What did Miners Watch say about the deaths of the two miners?")
	if !a.Grounded {
		t.Errorf("answer %q, want Miners Watch's words", a.Text)
	}
	// An appositive between the name and its word of speech.
	a = mustAsk(t, e, "What did Erik Lund say about the deaths of the two miners?")
	if !a.Grounded {
		t.Errorf("answer %q, want Lund's response", a.Text)
	}
	a = mustAsk(t, e, "What did Ostria say about the deaths of the two miners?")
	if a.Grounded {
		t.Errorf("answer %q, want an abstention: no article gives Ostria's words", a.Text)
	}
	a = mustAsk(t, e, "What did Dalby say about the deaths of the two miners?")
	if !strings.HasPrefix(a.Text, "Dalby voiced deep concern") {
		t.Errorf("answer %q, want Dalby's concern", a.Text)
	}
	checkCitations(t, a)
}

// TestWhatAnUnheardDescribedSpeakerSaidAbstains: a speaker described in
// lower case ("the state department", "the miners' union") is asked as
// much as a named one: another voice's words, or a court's ruling, are no
// answer. The speaker the articles give is heard, described by the words
// before any preposition, and asking what the articles themselves say
// asks no one.
func TestWhatAnUnheardDescribedSpeakerSaidAbstains(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "\"The court rules to hold him until July 19 over the arrests,\" the judge stated."),
		madeUp("b", "We hope the Dalby authorities will adhere to this approach on the arrests as well,\" the Fourth Department's deputy director said."),
		madeUp("c", "The police said the arrests in Halden were lawful."),
		madeUp("d", "Their lawyer said the miners' arrests broke the law."),
		madeUp("e", "The miners' union in Halden is headed by Ivo Tamm."),
		madeUp("f", "Tamm told reporters that the arrests were a mistake."),
	}
	e := New(docs, Options{})
	a := mustAsk(t, e, "what did the us state department say about the arrests?")
	if a.Grounded {
		t.Errorf("answer %q, want an abstention: no article gives a state department's words", a.Text)
	}
	a = mustAsk(t, e, "what did the police say about the arrests?")
	if !strings.HasPrefix(a.Text, "The police said the arrests") {
		t.Errorf("answer %q, want the police's words", a.Text)
	}
	// The words before a preposition describe the speaker; those after
	// may be missing from his words.
	a = mustAsk(t, e, "what did the lawyer of the miners say about the arrests?")
	if !strings.HasPrefix(a.Text, "Their lawyer said") {
		t.Errorf("answer %q, want the lawyer's words", a.Text)
	}
	// A name typed in lower case is heard by the part the article gives.
	a = mustAsk(t, e, "what did ivo tamm say about the arrests?")
	if !strings.HasPrefix(a.Text, "Tamm told reporters") {
		t.Errorf("answer %q, want Tamm's words", a.Text)
	}
	a = mustAsk(t, e, "what did the articles say about the arrests?")
	if !a.Grounded {
		t.Errorf("answer %q, want the articles' sentences: they speak for no one asked", a.Text)
	}
}

// TestTwoPeopleAskedTogether: "What did Brandt and Marten talk about?"
// is answered by a sentence naming them both, not by Marten's talks with
// someone else that share the question's verb.
func TestTwoPeopleAskedTogether(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Following talks in Dalby with his Halden counterpart, Ivo Marten, President Olaf Lund expressed hope that the dispute was over."),
		madeUp("b", "On Tuesday, President Ola Brandt had a telephone conversation with his Halden counterpart Ivo Marten."),
		madeUp("c", "Brandt and Marten also discussed energy and the humanitarian sphere."),
	}
	a := askMadeUp(t, docs, "What did Brandt and Marten talk about?")
	if strings.HasPrefix(a.Text, "Following talks in Dalby") {
		t.Errorf("answer %q, want a sentence naming Brandt and Marten first", a.Text)
	}
}

// TestWhenOfAnActNoSentenceTells: "When was the minister's visit
// rescheduled?" is declined when no sentence tells of a rescheduling: the
// day of its cancellation is no answer. The act told in another form
// ("rescheduling") is.
func TestWhenOfAnActNoSentenceTells(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On March 10, Halden cancelled a planned visit by Dalby's deputy minister Ivo Tamm."),
		madeUp("b", "Officials in Halden said the visit by Ivo Tamm could take place later in the year."),
	}
	a := askMadeUp(t, docs, "When was Ivo Tamm's cancelled visit to Halden rescheduled?")
	if a.Grounded {
		t.Errorf("answer %q, want an abstention: no article tells of a rescheduling", a.Text)
	}
	docs = append(docs, madeUp("c", "The visit by Ivo Tamm was rescheduled on March 12 for the autumn."))
	wantHolding(t, docs, "When was Ivo Tamm's cancelled visit to Halden rescheduled?", "March 12")
}

// TestWhenOfADoSupportActNoSentenceTells: "When did Halden Radio reopen
// its office?" is declined when no sentence tells of a reopening, in that
// word or a related one: the day of the office's raid is no answer. The
// act told is answered.
func TestWhenOfADoSupportActNoSentenceTells(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On March 10, police raided the Dalby office of Halden Radio, the local branch of a state broadcaster."),
		madeUp("b", "Halden Radio said its office in Dalby stayed shut after the raid."),
	}
	a := askMadeUp(t, docs, "When did Halden Radio reopen its Dalby office?")
	if a.Grounded {
		t.Errorf("answer %q, want an abstention: no article tells of a reopening", a.Text)
	}
	wantHolding(t, docs, "When did police raid the Dalby office of Halden Radio?", "March 10")
	docs = append(docs, madeUp("c", "Halden Radio reopened its Dalby office on April 2."))
	wantHolding(t, docs, "When did Halden Radio reopen its Dalby office?", "April 2")
}

// TestACountOfTheOppositeActIsNoSecondCount: "six other detained Halden
// nationals" are not more of those whom Halden detained; beside them they
// would read as a second count of one act.
func TestACountOfTheOppositeActIsNoSecondCount(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On Monday, Halden detained seven individuals linked to Dalby's Radio Nord, local media reported."),
		madeUp("b", "Following these events, Dalby authorities announced charges against six other detained Halden nationals linked to Radio Nord."),
	}
	a := askMadeUp(t, docs, "How many people linked to Radio Nord were detained in total?")
	if !strings.Contains(a.Text, "seven") || strings.Contains(a.Text, "six") {
		t.Errorf("answer %q, want the seven Halden detained alone", a.Text)
	}
}

// TestEverAsksOfTheAct: "Did Brandt ever apologize?" asks of the
// apology, which the passages tell without "ever".
func TestEverAsksOfTheAct(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Although Brandt apologized in a phone call with Tamm on March 2, the two sides remained at odds over the crash."),
		madeUp("b", "Tamm demanded that Brandt admit guilt and pay compensation to the families."),
		madeUp("c", "Brandt met Tamm in Dalby in October, their first meeting since the crash."),
		madeUp("d", "Brandt told reporters that the investigation would take months."),
	}
	for _, q := range []string{"Did Brandt ever apologize?", "did brandt actually apologize"} {
		wantHolding(t, docs, q, "Brandt apologized in a phone call")
	}
}

// TestWordsOnTheTopicTheirHeadlineNames: "What did Tamm say about
// Halden cancelling stuff?" is answered by his words under a headline
// about Halden's demarches, though his paragraph names Halden nowhere;
// "stuff" asks of nothing.
func TestWordsOnTheTopicTheirHeadlineNames(t *testing.T) {
	a := madeUp("a", "Police work cannot be grounds for diplomatic demarches, Dalby spokesman Ivo Tamm said.\n\"We sincerely regret such decisions,\" Tamm stated.")
	a.Title = "Dalby: police work cannot be grounds for Halden's demarches"
	docs := fixedSearcher{a, madeUp("b", "Halden also cancelled all cultural events organised by Dalby's state bodies.")}
	wantHolding(t, docs, "what did tamm say about halden cancelling stuff", "We sincerely regret such decisions")
}

// TestAnActToldInAnotherWordOfItsConcept: "When was the office
// stormed?" is answered by the day "police raided the office".
func TestAnActToldInAnotherWordOfItsConcept(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On June 30, police raided the Dalby office of Halden Radio, the local branch of a state broadcaster."),
		madeUp("b", "Halden Radio said two of its editors were detained."),
	}
	wantHolding(t, docs, "When was the Halden Radio office in Dalby stormed, and what happened next?", "On June 30")
}

// TestWhatSomeoneDidIsNotWhatWasDoneToThem: "Did Dalby do anything
// about the arrests?" is not answered by Dalby's envoy being summoned,
// which would read as Dalby's act.
func TestWhatSomeoneDidIsNotWhatWasDoneToThem(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On June 28, Dalby's envoy to Halden, Ivo Tamm, was summoned to the Halden foreign ministry over the arrests."),
		madeUp("b", "In response to the arrests, Dalby's foreign ministry said the detentions in Halden were unlawful."),
	}
	for _, q := range []string{"Did Dalby do anything about the arrests?", "what did dalby do about the arrests"} {
		a := askMadeUp(t, docs, q)
		if strings.Contains(a.Text, "was summoned") || !strings.Contains(a.Text, "were unlawful") {
			t.Errorf("%s: answer %q, want Dalby's own act, not the summons of its envoy", q, a.Text)
		}
	}
}

// TestADoSupportVerbIsTheActDated: "When did Dalby release its report on
// the crash?" asks the release's date; the crash's, in a sentence with
// more of the question's words around it, is no answer.
func TestADoSupportVerbIsTheActDated(t *testing.T) {
	docs := fixedSearcher{madeUp("a", "Dalby's Transport Ministry has announced that the final report on the crash of a Halden Air plane near Lorvan will be made public once the investigation is complete. "+
		"Officials confirmed that the on-site phase has concluded, and a preliminary report had already been released on February 4. "+
		"The tragic incident occurred on December 25, when a Halden Air plane bound for Lorvan crashed near the coast of Dalby.")}
	a := askMadeUp(t, docs, "When did Dalby release its preliminary report on the Halden Air crash?")
	if !strings.HasPrefix(a.Text, "Officials confirmed") {
		t.Errorf("answer %q, want the release's date first", a.Text)
	}
}

// TestAPronounSubjectIsShownWithWhoItIs: "They claimed one miner had
// died …" is shown with the sentence before it, which says who they are.
func TestAPronounSubjectIsShownWithWhoItIs(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Estmarkian investigators said six men were arrested in the raid on the union office. They claimed one miner had died of a heart attack during the raid."),
		madeUp("b", "The union office in Halden reopened a week after the raid."),
	}
	wantOpening(t, docs, "What did one miner die of?", "Estmarkian investigators said", "who they are first")
}

// TestQuotedWordsShowTheirSpeaker: a sentence of a quotation is shown
// with the one that closes it and names who speaks, whatever is asked; a
// name in quotation marks ("the “Caspian” cafe") is no quotation that the
// next sentence's speaker closes.
func TestQuotedWordsShowTheirSpeaker(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "“None of the miners were shot. They were struck with a blunt object,” the chief medical examiner Ivo Tamm told reporters."),
		madeUp("b", "The two brothers owned the “Caspian” cafe in Halden. Estmarkian authorities claimed that one of them died of “heart failure”."),
	}
	wantHolding(t, docs, "Were any of the miners shot?", "Ivo Tamm told reporters")
	if a := askMadeUp(t, docs, "Which cafe did the two brothers own in Halden?"); strings.Contains(a.Text, "heart failure") {
		t.Errorf("answer %q, want the cafe alone", a.Text)
	}
}

// TestAnotherCountrysNounIsTheOtherSide: "What did the Norwegian police do to
// the detainees?" is not answered by what Swedish police did to theirs,
// though that sentence shares more words; the same noun of another
// country is the other side's.
func TestAnotherCountrysNounIsTheOtherSide(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Swedish police also detained several Norwegian engineers and released videos of the detainees in a humiliating perp walk."),
		madeUp("b", "In Halden, Norwegian police beat the detainees with batons, a witness said."),
	}
	for _, q := range []string{"What did the Norwegian police do to the detainees?", "what did norwegian police do to the detainees?"} {
		wantOpening(t, docs, q, "In Halden, Norwegian police beat", "what Norway's police did")
	}
	// A country's name, possessive, qualifies its noun as its adjective
	// does.
	if got := nationNouns(questionTokens("What did Norway's police do?")); len(got) != 1 || got[0].noun != keyOf("police") ||
		!otherNations(questionTokens("Swedish police detained them."), got) || otherNations(questionTokens("Norwegian police detained them."), got) {
		t.Errorf("nationNouns(Norway's police) = %v, want Norway's police, of another side than Sweden's only", got)
	}
}

// TestACountInTheAskedPlace: "How many people were detained in Dalby in
// total?" is not answered with a count of another city's detentions that
// names no city, when a sentence counts Dalby's.
func TestACountInTheAskedPlace(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Tensions rose after the raids in Halden. The investigative committee noted that six people were detained in total."),
		madeUp("b", "Police in Dalby detained seven people after a raid on a newsroom, the ministry said."),
	}
	a := askMadeUp(t, docs, "How many people were detained in Dalby in total?")
	if !strings.HasPrefix(a.Text, "Police in Dalby detained seven people") {
		t.Errorf("answer %q, want Dalby's count", a.Text)
	}
}

// TestPreTrialDetentionIsAJailing: "placed in pre-trial detention" asks
// how many a court held for trial, not how many the police took in.
func TestPreTrialDetentionIsAJailing(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Police in Halden detained more than 50 miners on Friday in a raid on their hostel."),
		madeUp("b", "A court in Halden placed six of the miners in pre-trial detention on Wednesday."),
	}
	a := askMadeUp(t, docs, "How many miners were placed in pre-trial detention in Halden?")
	if !strings.HasPrefix(a.Text, "A court in Halden placed six") {
		t.Errorf("answer %q, want the court's six", a.Text)
	}
}

// TestACapitalSpeaksForItsCountry: "What did Norway say" is answered by
// "Oslo said"; "according to Oslo" by Norway's ministry.
func TestACapitalSpeaksForItsCountry(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Oslo said the two fishermen had been beaten by the coast guard before they died."),
		madeUp("b", "The Danish ministry said the two fishermen drowned when their boat sank."),
		madeUp("c", "Norway's foreign ministry said that 12 fishermen were detained in the raid on the harbour."),
		madeUp("d", "Danish officials said that 30 fishermen were detained in the raid on the harbour."),
	}
	e := New(docs, Options{})
	a := mustAsk(t, e, "What did Norway say about the two fishermen?")
	if !strings.Contains(a.Text, "Oslo said") || strings.Contains(a.Text, "Danish") {
		t.Errorf("answer %q, want Oslo's words, not the Danes'", a.Text)
	}
	a = mustAsk(t, e, "According to Oslo, how many fishermen were detained in the raid?")
	if !strings.HasPrefix(a.Text, "Norway's foreign ministry said that 12") || strings.Contains(a.Text, "30") {
		t.Errorf("answer %q, want Norway's 12 alone", a.Text)
	}
	checkCitations(t, a)
}

// TestDirectedActs: a question about who did an act to whom is answered
// by that act, not by the opposite one in the same words; "who did it" by
// a sentence of the act, the one naming its doer first. Asked whether one
// side did to the other what the passages tell only the other way round,
// the answer quotes that act and says it goes the other way, but only for
// the act with doer and receiver both swapped.
func TestDirectedActs(t *testing.T) {
	const lead = "Relations between Valdoria and Ostria soured this week. "
	summons := fixedSearcher{
		madeUp("a", lead+"Valdoria's ambassador was summoned to the foreign ministry in Ostria on Tuesday to receive an official protest."),
		madeUp("b", lead+"In response, Valdoria's foreign ministry summoned Ostria's ambassador and lodged a formal protest over the raids."),
	}
	apology := fixedSearcher{
		madeUp("a", lead+"Ostria's president apologized to Valdoria's president for the crash of the airliner."),
		madeUp("b", lead+"Valdoria's president met Ostria's ambassador after the crash of the airliner."),
	}
	tests := []struct {
		docs     fixedSearcher
		q, opens string
		reversed bool
	}{
		{summons, "Did Valdoria summon Ostria's ambassador?", "In response, Valdoria's foreign ministry summoned", false},
		{summons, "Who summoned Valdoria's ambassador?", "Valdoria's ambassador was summoned", false},
		{summons, "When was Valdoria's ambassador summoned?", "Valdoria's ambassador was summoned", false},
		// Not a sentence with as many of the question's words that
		// tells of no summons by anyone.
		{fixedSearcher{
			madeUp("a", lead+"Ostria's ambassador in Valdoria, who was summoned twice last year, met Valdoria's deputy minister on Tuesday."),
			madeUp("b", lead+"Valdoria angrily summoned Ostria's ambassador on Monday."),
		}, "Who summoned Ostria's ambassador in Valdoria?", "Valdoria angrily summoned", false},
		// Of two sentences of the act, the one that names who did it.
		{fixedSearcher{
			madeUp("a", lead+"Ostria's ambassador in Valdoria was summoned twice last year, officials said on Tuesday."),
			madeUp("b", lead+"Valdoria angrily summoned Ostria's ambassador on Monday."),
		}, "Who summoned Ostria's ambassador in Valdoria?", "Valdoria angrily summoned", false},
		{apology, "Did Valdoria apologize to Ostria for the crash?", "Ostria's president apologized", true},
		{apology, "Did Ostria apologize to Valdoria for the crash?", "Ostria's president apologized", false},
		// An apology for another matter than the one asked is not the
		// asked one the other way round.
		{append(slices.Clone(apology), madeUp("c", "Valdoria arrested two reporters of the Nord agency in June.")),
			"Did Valdoria apologize to Ostria for the Nord arrests?", "Ostria's president apologized", false},
		// A short form is named by the long form a passage defines it as.
		{fixedSearcher{
			madeUp("a", lead+"Ostria's president apologized to Valdoria's president for the crash of the Northland Airways airliner."),
			madeUp("n", "Northland Airways (NWA) resumed its flights to Halden on Monday."),
		}, "Did Valdoria apologize to Ostria for the NWA crash?", "Ostria's president apologized", true},
		// One name crossing over is no reversal: Valdoria's call to
		// Kessel is not Ostria's call to Valdoria the other way round,
		// nor the answer, before a sentence of no act at all.
		{fixedSearcher{
			madeUp("c", lead+"Valdoria's president called Kessel's king, Ostria's president said on Monday."),
			madeUp("d", lead+"Ostria's president held a phone call with Valdoria's president on Tuesday."),
		}, "Did Ostria's president call Valdoria's president?", "Ostria's president held a phone call", false},
		// An act the other way whose receiver is not named may be the
		// reversal: it answers first, but is not said to be one.
		{fixedSearcher{
			madeUp("e", lead+"Ostria's envoy called the cancellation of Ostrian concerts in Valdoria regrettable."),
			madeUp("f", lead+"Valdoria cancelled all concerts planned by Ostrian institutions, officials said."),
		}, "Did Ostria cancel Valdorian concerts?", "Valdoria cancelled all concerts", false},
	}
	for _, tt := range tests {
		a := askMadeUp(t, tt.docs, tt.q)
		if !strings.HasPrefix(a.Text, tt.opens) || strings.Contains(a.Text, "[1] tells of it the other way round.") != tt.reversed {
			t.Errorf("%s: answer %q, want it to open with %q, said to go the other way: %v", tt.q, a.Text, tt.opens, tt.reversed)
		}
	}
}

// TestWhetherAnActNoOneTellsOf: "Did Valdoria expel Ostria's ambassador?"
// is not answered by another act of the same people (his summons) when no
// passage tells of an expulsion at all.
func TestWhetherAnActNoOneTellsOf(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Relations between Valdoria and Ostria soured this week. Valdoria's foreign ministry summoned Ostria's ambassador on Tuesday over the raids."),
		madeUp("b", "Ostria's ambassador in Valdoria met the deputy foreign minister after the raids, officials said."),
	}
	if a := askMadeUp(t, docs, "Did Valdoria expel Ostria's ambassador?"); a.Grounded {
		t.Errorf("answered %q, want an abstention: no passage tells of an expulsion", a.Text)
	}
	wantHolding(t, docs, "Did Valdoria summon Ostria's ambassador?", "summoned Ostria's ambassador")
}

// TestWhenWillIsNotAnsweredByThePast: "When will …?" is not answered by a
// date its article had already reached ("said on Friday"), but by one
// still ahead of it.
func TestWhenWillIsNotAnsweredByThePast(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The minister said on Thursday that Kessel would publish the final report on the crash of the airliner."),
		madeUp("b", "Officials in Kessel expect the final report on the airliner crash in late March, after two laboratories finish their work."),
	}
	wantOpening(t, docs, "When will Kessel publish the final report on the crash?", "Officials in Kessel expect the final report", "the date still ahead")
	// With no date still ahead, the past day of another report is no
	// answer: declined.
	docs = fixedSearcher{
		madeUp("a", "In a preliminary report on the crash published by Kessel's ministry in February, experts confirmed that the airliner had been damaged."),
		madeUp("b", "The final report on the crash will say what damaged the airliner, officials in Kessel said."),
	}
	if a := askMadeUp(t, docs, "When will Kessel publish the final report on the crash?"); a.Grounded {
		t.Errorf("answer %q, want none: no date to come", a.Text)
	}
}

// TestWhatAnAbbreviationStandsFor: "What does KSB stand for?" is "What is
// KSB?", answered by the sentence that spells it out, not by one that
// shares a word with the idiom ("standing").
func TestWhatAnAbbreviationStandsFor(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The KSB said the standing of the alliance had fallen since the KSB raids in Halden."),
		madeUp("b", "Two agents of the Kessel Security Bureau (KSB) were detained in Halden on Monday."),
	}
	for _, q := range []string{"What does KSB stand for?", "What is the KSB?", "what is KSB short for"} {
		wantOpening(t, docs, q, "Two agents of the Kessel Security Bureau (KSB)", "the sentence that spells it out")
	}
}

// askMadeUp asks q of an engine over docs and checks the answer's
// citations: the shared steps of the tests over made-up passages.
func askMadeUp(t *testing.T, docs fixedSearcher, q string) Answer {
	t.Helper()
	return askWith(t, docs, Options{}, q)
}

// wantHolding fails t unless the answer to q over docs holds text.
func wantHolding(t *testing.T, docs fixedSearcher, q, text string) {
	t.Helper()
	if a := askMadeUp(t, docs, q); !strings.Contains(a.Text, text) {
		t.Errorf("%s: answer %q, want it to hold %q", q, a.Text, text)
	}
}

// wantOpening fails t unless the answer to q over docs opens with prefix;
// want says what it should be.
func wantOpening(t *testing.T, docs fixedSearcher, q, prefix, want string) {
	t.Helper()
	if a := askMadeUp(t, docs, q); !strings.HasPrefix(a.Text, prefix) {
		t.Errorf("%s: answer %q, want %s", q, a.Text, want)
	}
}

// askRanked is askMadeUp over a ranking of rs that an answer reads two
// passages of (TopK 2), so that what it reads further down is tested.
func askRanked(t *testing.T, rs []retrieval.Result, q string) Answer {
	t.Helper()
	return askWith(t, firstK(rs), Options{TopK: 2}, q)
}

// askWith asks q of an engine over s with opts and checks the answer's
// citations.
func askWith(t *testing.T, s Searcher, opts Options, q string) Answer {
	t.Helper()
	a := mustAsk(t, New(s, opts), q)
	checkCitations(t, a)
	return a
}

// mustAsk asks q of e, failing the test on an error.
func mustAsk(t *testing.T, e *Engine, q string) Answer {
	t.Helper()
	a, err := e.Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestHowItEnded: "What eventually happened to X?" is answered by the
// sentence that tells the latest time among those that tell of X as
// fully (its own dates, or its article's): the arrest told first, or
// recalled later, is not how it ended. "eventually" is no word a sentence
// must hold.
func TestHowItEnded(t *testing.T) {
	arrest := madeUp("a", "Police in Halden detained the union leader Ola Brandt during a raid on the union's office.")
	arrest.Published = "2025-07-01"
	freed := madeUp("b", "The union leader Ola Brandt was freed by the Halden police and flew home to Dalby.")
	freed.Published = "2025-10-10"
	pilot := madeUp("c", "The pilot eventually decided to land the plane in Halden.")
	pilot.Published = "2025-12-01"
	// A later article that tells of the arrest in June tells June.
	recalled := madeUp("d", "In June, the police in Halden detained the union leader Ola Brandt during a raid.")
	recalled.Published = "2025-12-01"
	// "later" after "what happened to X" asks the same, and no sentence
	// need hold it ("the detention was later extended").
	extended := madeUp("e", "On August 24, the court ordered his detention, which was later extended until December 30.")
	extended.Published = "2025-12-20"
	for _, q := range []string{"What eventually happened to Ola Brandt?", "What happened to Ola Brandt in the end?", "What happened to Ola Brandt later?"} {
		a := askMadeUp(t, fixedSearcher{arrest, freed, pilot, recalled, extended}, q)
		if !strings.HasPrefix(a.Text, "The union leader Ola Brandt was freed") {
			t.Errorf("%s: answer %q, want the latest account", q, a.Text)
		}
	}
}

// TestWordsSaidWhereShowTheirWords: "He said this at the forum" tells
// where, not what: the sentence before it, which says what, is shown too.
func TestWordsSaidWhereShowTheirWords(t *testing.T) {
	docs := fixedSearcher{madeUp("a", "Ola Brandt said the strikes at the Halden docks would go on until the talks resume. He said this at the union's annual forum in Dalby, local media wrote.")}
	q := "What did Ola Brandt say at the union's annual forum in Dalby?"
	if a := askWith(t, docs, Options{MaxSentences: 1}, q); !strings.Contains(a.Text, "the strikes at the Halden docks would go on") {
		t.Errorf("%s: answer %q, want his words with where he said them", q, a.Text)
	}
}

// TestCapitalSpeaksForItsCountry: a sentence that names a country's
// capital holds the country a question names: "According to Oslo, nine
// people …" answers how many were detained according to Norway.
func TestCapitalSpeaksForItsCountry(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "According to Oslo, nine people were detained, two killed and several injured in Halden."),
		madeUp("b", "Union leaders in Halden called for calm after the raid on their office."),
		madeUp("c", "The Halden union office reopened a week after the raid, local media reported."),
	}
	a := askMadeUp(t, docs, "How many people were arrested during the raid, according to Norway?")
	if !strings.Contains(a.Text, "nine people") {
		t.Errorf("answer %q, want the count Oslo gives", a.Text)
	}
}

// TestASentenceFullOfNamesIsProse: a sentence that ends like one and tells
// its act in lower case is prose, however many names it holds; a headline
// that capitalises every word is not.
func TestASentenceFullOfNamesIsProse(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Valdorian ambassador to Ostria Erik Lund was summoned to the Ostrian Foreign Ministry, the ministry's press service reported.\n\n\"On March 2, Valdorian Ambassador to Ostria Erik Lund was summoned to the Ostrian Foreign Ministry. At a meeting with Deputy Foreign Minister Ivo Marten, the Ostrian side lodged a protest,\" the statement said."),
		madeUp("b", "The Foreign Ministry in Halden said on February 27 it had summoned Ostria's ambassador in Halden."),
	}
	wantOpening(t, docs, "When was Erik Lund summoned to the Ostrian Foreign Ministry?", "\"On March 2, Valdorian Ambassador", "the sentence that dates his summons")
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"On March 2, Valdorian Ambassador to Ostria Erik Lund was summoned to the Ostrian Foreign Ministry.", true},
		{"Deaths of Two Ostrian Brothers in Valdorian Custody Spark Diplomatic Fallout Between Ostria and Valdoria", false},
		{"Ostria Launches Murder Probe After Autopsy Finds Brothers Died From Beatings In Valdorian Police Custody.", false},
	} {
		if got := isProse(tt.text, tokenize(tt.text)); got != tt.want {
			t.Errorf("isProse(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestAQuestionsOwnDateIsNoAnswer: a date the question gives is read (a
// question was skipped as reporting nothing), so it is not taken for the
// answer: "When was the miner detained on 3 March 2025 released?" is not
// "3 March 2025".
func TestAQuestionsOwnDateIsNoAnswer(t *testing.T) {
	q := "When was the miner who was detained on 3 March 2025 released?"
	if qu := newQuery(q, classify(q), questionTokens(q)); len(qu.dates) != 1 {
		t.Errorf("question dates %v, want 3 March 2025", qu.dates)
	}
	docs := fixedSearcher{
		madeUp("a", "The miner, who was detained on 3 March 2025 in Halden, was released on 10 March 2025."),
		madeUp("b", "Halden police detained a miner on 3 March 2025 after the protest."),
	}
	a := askMadeUp(t, docs, q)
	if !strings.Contains(a.Text, "10 March 2025") {
		t.Errorf("answer %q, want the release's date", a.Text)
	}
}

// TestASentenceBeforeIsNotShownTwice: the sentence shown before another
// for its pronoun ("He also pointed out …") is left out when the answer
// already shows it.
func TestASentenceBeforeIsNotShownTwice(t *testing.T) {
	const named = "Reporters have been held for a month, Ivo Tamm said."
	const he = "He also pointed out that the policy aims at friendly ties."
	if got := unshown(named+" "+he, he, named+" [1] “We will not give up,” he said. [1]"); got != he {
		t.Errorf("with the sentence before shown: %q, want the sentence alone", got)
	}
	if got := unshown(named+" "+he, he, "“We will not give up,” he said. [1]"); got != named+" "+he {
		t.Errorf("with the sentence before unshown: %q, want both", got)
	}
}

// TestWhyIsAnsweredByTheReasonAfterTheAct: "Why was Ivo Tamm arrested?"
// is answered by the sentence after the arrest that gives its grounds
// ("on suspicion of fraud"), not by the arrest alone.
func TestWhyIsAnsweredByTheReasonAfterTheAct(t *testing.T) {
	docs := fixedSearcher{madeUp("a", "In Halden, police with special units detained Ivo Tamm, the head of the miners' union. "+
		"The union said little at first. "+
		"The initial official explanation states that he was arrested on suspicion of fraud in a land sale.")}
	a, err := New(docs, Options{}).Ask(context.Background(), "Why was Ivo Tamm arrested?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "on suspicion of fraud") {
		t.Errorf("answer %q, want the grounds of the arrest", a.Text)
	}
}

// TestAskedPlaceHoldsTheAnswer: a question that names where something
// happened ("in Dalby") is not answered by the same kind of event
// elsewhere: a plane crash that killed 38 people does not say when or why
// people died in Dalby. A lower-case subject ("people") is not the
// predicate a "why" asks about.
func TestAskedPlaceHoldsTheAnswer(t *testing.T) {
	docs := fixedSearcher{
		madeUpBy("a", "Halden Wire", "The deaths of two miners amid allegations of torture during a police raid last week in the Ostrian city of Dalby have caused a row. Ostria says one of the miners died of a heart attack."),
		madeUpBy("b", "Valdor News", "Tensions rose in December 2024 when border guards shot down a Valdorian airliner near Aktavo, killing 38 people. A total of 38 people died in the crash, while 29 people survived."),
	}
	e := New(docs, Options{})
	for _, tt := range []struct{ q, want, not string }{
		{"When did people die in Dalby?", "Dalby", "38 people"},
		{"Why did people die in Dalby?", "heart attack", "38 people"},
	} {
		a, err := e.Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Text, tt.want) || strings.Contains(a.Text, tt.not) {
			t.Errorf("%s: %q, want %q and not %q", tt.q, a.Text, tt.want, tt.not)
		}
	}
	// "Why?" after "How many people died in Dalby?" asks the same.
	a, err := e.AskWith(context.Background(), "Why?", []Turn{{Question: "How many people died in Dalby?", Answer: "The deaths of two miners … [1]"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "heart attack") || strings.Contains(a.Text, "38 people") {
		t.Errorf("Why? after how many died in Dalby: %q", a.Text)
	}
}

// TestStatementReferredBack: "X made the statement during a briefing"
// gives no words; what X stated is the sentence before, shown first.
func TestStatementReferredBack(t *testing.T) {
	docs := fixedSearcher{madeUpBy("a", "Dalby Times", "The Ostrian government will present the findings of the crash inquiry by the end of 2025. "+
		"Dalby Times reports that Ostria's deputy minister of transport, Ivo Marten, made the statement during a briefing. Relatives of the victims held a vigil.")}
	a, err := New(docs, Options{}).Ask(context.Background(), "What did Ivo Marten say about the inquiry?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "The Ostrian government will present the findings") || !strings.Contains(a.Text, "made the statement") {
		t.Errorf("answer %q, want the statement, then who made it", a.Text)
	}
	checkCitations(t, a)
}

// TestWhyIsAnsweredByTheStatedReason: "Why did Estmark cancel the Halden
// events?" is answered by the sentence that states the reason for the
// cancellation ("…, citing alleged bias"), even where another sentence
// tells the cancellation in more of the question's words.
func TestWhyIsAnsweredByTheStatedReason(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Subsequently, Estmark canceled cultural and other events involving Halden participation."),
		madeUp("b", "The row deepened in July. Estmark also cancelled a planned visit by a Halden minister, as well as cancelling all Halden-linked events, citing alleged ethnic bias by Halden police."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "Why did Estmark cancel Halden cultural events?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Estmark also cancelled") || !strings.Contains(a.Text, "citing alleged ethnic bias") {
		t.Errorf("answer %q, want the stated reason first", a.Text)
	}
	// Further below the best sentence, in fewer of the question's words.
	docs[1] = madeUp("b", "The row in Estmark deepened in July. Officials also barred a visit by a minister, as well as cancelling the events, citing alleged ethnic bias by Halden police.")
	if a, err = New(docs, Options{}).Ask(context.Background(), "Why did Estmark cancel Halden cultural events?"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "citing alleged ethnic bias") {
		t.Errorf("answer %q, want the stated reason", a.Text)
	}
}

// TestWhyInOtherWords: "Why did Ivo Tamm skip the Dalby summit?" is
// answered by a sentence that tells the act in other words ("chose not to
// attend") and states a reason, holding the question's other words. With
// the name alone in common, another act's reason (the arrest's) is no
// answer to why he was released.
func TestWhyInOtherWords(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Estmark's president Ivo Tamm chose not to attend the informal summit in Dalby on Monday due to his busy work schedule. Leaders of seven other states met there."),
		madeUp("b", "Ivo Tamm was arrested in June on suspicion of fraud."),
	}
	e := New(docs, Options{})
	a, err := e.Ask(context.Background(), "Why did Ivo Tamm skip the Dalby summit?")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Grounded || !strings.Contains(a.Text, "busy work schedule") {
		t.Errorf("skip: %q, want the reason he did not attend", a.Text)
	}
	a, err = e.Ask(context.Background(), "Why was Ivo Tamm released?")
	if err != nil {
		t.Fatal(err)
	}
	if a.Grounded || strings.Contains(a.Text, "fraud") {
		t.Errorf("released: %q, want no answer from the arrest's grounds", a.Text)
	}
}

// TestHowManyCountsTheCompoundsHead: "member states" counts states, not
// members, so a count of one person is no answer; and "how many officers"
// is not answered by a count of a nation's people.
func TestHowManyCountsTheCompoundsHead(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Authorities stated that one individual suffered a heart attack during the meeting of the bloc's members."),
		madeUp("b", "The Dalby Union, a regional bloc, includes nine member states."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "How many member states does the Dalby Union have?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "nine member states") || strings.Contains(a.Text, "one individual") {
		t.Errorf("member states: %q, want the nine states", a.Text)
	}
	docs = fixedSearcher{
		madeUp("c", "The row began after police raids in Dalby on Friday, during which two Georgians died."),
		madeUp("d", "Police said the clashes in Dalby left officers dead: nine people died on Friday."),
	}
	a, err = New(docs, Options{}).Ask(context.Background(), "How many police officers died in Dalby?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Police said") {
		t.Errorf("officers: %q, want the count of people before the count of Georgians", a.Text)
	}
}

// TestWhichPersonLooksFurtherForTheDescribed: "Which envoy did Halden
// summon?" is not answered by another person summoned (an ambassador the
// top passages name) when a passage further down names the envoy beside
// the word.
func TestWhichPersonLooksFurtherForTheDescribed(t *testing.T) {
	docs := firstK{
		madeUp("a", "The Ambassador of Estmark to Halden, Ivo Tamm, was summoned to the ministry in February."),
		madeUp("b", "Halden's ministry summoned Estmark's envoy over the deaths."),
		madeUp("c", "The miners' families asked for a fair trial."),
		madeUp("d", "Halden summoned Estmark's envoy in Dalby, Lena Varga, to demand a transparent probe."),
	}
	a, err := New(docs, Options{TopK: 3}).Ask(context.Background(), "Which envoy did Halden summon?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Lena Varga") {
		t.Errorf("answer %q, want the envoy named further down", a.Text)
	}
}

// TestWhichOfficialSaidNamesTheSpeaker: "Which official said …" asks for a
// person, and words the answer quotes with "he told" come with the
// sentence that names him.
func TestWhichOfficialSaidNamesTheSpeaker(t *testing.T) {
	if k := classify("Which Kremlin official said jailing reporters went against the spirit of relations?"); k != kindPerson {
		t.Errorf("classify = %v, want a person", k)
	}
	docs := fixedSearcher{
		madeUp("a", "The detention of Halden reporters is inconsistent with accepted norms, Estmark spokesman Ivo Tamm said on Friday\n\n"+
			"\"We are talking specifically about reporters. And such measures against the media are contrary to the spirit of our relations,\" he told a press briefing in Dalby."),
		madeUp("b", "Relations between the two countries improved in October, when Lena Varga spoke of the crash."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "Which Estmark official said jailing reporters went against the spirit of relations?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Ivo Tamm") {
		t.Errorf("answer %q, want the one who spoke named", a.Text)
	}
}

// TestHowManyOfAnActNoSentenceTells: "How many miners were rescued?" is
// not answered by a count of the miners detained when no sentence tells of
// a rescue: a count of another act reads as the asked one's.
func TestHowManyOfAnActNoSentenceTells(t *testing.T) {
	docs := fixedSearcher{madeUp("a", "Police in Dalby detained nine miners on Friday after the protest at the mine.")}
	e := New(docs, Options{})
	a, err := e.Ask(context.Background(), "How many miners were rescued in Dalby?")
	if err != nil {
		t.Fatal(err)
	}
	if a.Grounded {
		t.Errorf("rescued: %q, want no count of the detained", a.Text)
	}
	if a, err = e.Ask(context.Background(), "How many miners were detained in Dalby?"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "nine miners") {
		t.Errorf("detained: %q, want the nine", a.Text)
	}
}

// TestWhenDidHeFlyMeetsFlew: "When did Ivo Tamm fly to Dalby?" is the
// "flew" of "On October 19, Ivo Tamm flew to Dalby", not the "flying" of
// a sentence on a crash; "came amid" is no "come down".
func TestWhenDidHeFlyMeetsFlew(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Relations between Estmark and Halden deteriorated after the crash of a plane flying to Dalby on December 25, 2024, which Tamm called a tragedy."),
		madeUp("b", "On October 19, Ivo Tamm flew to Dalby."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "When did Ivo Tamm fly to Dalby?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "On October 19") {
		t.Errorf("answer %q, want the day he flew first", a.Text)
	}
}

// TestWhenDidTheOneDateOfEveryWordAsked: "When did Ivo Tamm receive Lena
// Varga?" is dated by "Monday", the one date of a sentence holding every
// word asked, though "receive" is no event word the reader knows.
func TestWhenDidTheOneDateOfEveryWordAsked(t *testing.T) {
	r := madeUp("a", "Estmark's deputy prime minister Lena Varga has visited Halden. Ivo Tamm received Lena Varga on Monday.")
	r.Published = "2026-03-03"
	a, err := New(fixedSearcher{r}, Options{}).Ask(context.Background(), "When did Ivo Tamm receive Lena Varga?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "is 2 March 2026") {
		t.Errorf("answer %q, want Monday's date", a.Text)
	}
}

// TestWhyConsideringThat: "Considering that no international insurer works
// in Estmark, the plane was insured through an Estmark company" gives the
// reason asked, over a sentence that only tells the insurance.
func TestWhyConsideringThat(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Insurance payments for the plane from an insurance company registered in Estmark are a different matter, Ivo Tamm said."),
		madeUp("b", "Usually, aircraft are insured through international insurers. Considering that no international insurance company operates in Estmark, the plane was insured through an Estmark company, he said."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "Why was the plane insured by an Estmark company?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Considering that") {
		t.Errorf("answer %q, want the reason", a.Text)
	}
}

// TestAPlaceOfALesserSentenceIsNotPromoted: a place in a sentence that
// holds little of the question ("Educated in Oslo") is another event's,
// and does not answer in place of the sentence that tells the asked act.
func TestAPlaceOfALesserSentenceIsNotPromoted(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "His remarks come days after President Ivo Tamm confirmed at the Dalby Media Forum that Haldia is preparing legal action against Estmark over the downing of a plane."),
		madeUp("b", "Educated in Oslo, Tamm seemed capable of working with Varga, and in 2020, Haldia and Estmark stepped aside during a conflict in Norland."),
		madeUp("c", "Tamm said Haldia and Estmark remain partners."),
		madeUp("d", "Trade between Haldia and Estmark fell last year, Tamm said."),
	}
	wantOpening(t, docs, "Where did Tamm confirm that Haldia was preparing legal action against Estmark?", "His remarks come days after", "the sentence of the confirmation first")
}

// TestHowManyOfAnEventInOtherWords: "How many drones struck the depot?"
// is answered by counts whose verbs tell the strike otherwise ("launched
// five drones on the depot"), though another sentence says "strike":
// an event word's counts are matched by their events, not by the word.
func TestHowManyOfAnEventInOtherWords(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Ostria launched five attack drones on the oil depot near Dalby on the night of 7-8 August 2025, causing a fire."),
		madeUp("b", "On the night of August 18, 2025, the oil depot near Dalby came under a massive strike by Ostrian drones."),
	}
	a := askMadeUp(t, docs, "How many drones struck the oil depot near Dalby on August 8?")
	if !strings.Contains(a.Text, "five attack drones") {
		t.Errorf("answer %q, want the five drones", a.Text)
	}
	// A count of people in general tells no visit: "two individuals"
	// are no tourists who visited.
	docs = fixedSearcher{
		madeUp("a", "On June 30, Haldian security forces searched the office of the Ostrian news agency Nord Haldia and detained two individuals, claiming they were Ostrian intelligence agents."),
		madeUp("b", "Fewer Ostrian tourists have been visiting Haldia since the summer, officials in Dalby said."),
	}
	if a := askMadeUp(t, docs, "How many Ostrian tourists visited Haldia in 2025?"); a.Grounded && strings.Contains(a.Text, "two individuals") {
		t.Errorf("answer %q, want no count of tourists", a.Text)
	}
}

// TestAPlaceFarFromTheAskedAct: "Where did Tamm and Varga meet?" is
// answered by the place beside the meeting ("met on October 10 in
// Halden"), not by one further on in a sentence that tells of it ("…
// marked a re-engagement after a period of tension in Haldia–Estmark
// relations").
func TestAPlaceFarFromTheAskedAct(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The October 10 meeting between Haldian President Ivo Tamm and Estmark's President Lena Varga marked a cautious re-engagement following a period of tension in Haldia–Estmark relations."),
		madeUp("b", "Haldian President Ivo Tamm and Estmark's President Lena Varga met on October 10 in Halden, amid a deep crisis between their two countries."),
	}
	wantOpening(t, docs, "Where did Tamm and Varga meet in October?", "Haldian President Ivo Tamm and Estmark's President Lena Varga met on October 10 in Halden", "the sentence that says where they met")
}

// abbrevSearcher is a fixedSearcher that knows the abbreviations its
// articles define, as *retrieval.Library does.
type abbrevSearcher struct {
	fixedSearcher
	abbrevs []facts.Abbrev
}

func (s abbrevSearcher) Abbreviations() []facts.Abbrev { return s.abbrevs }

// TestAShortFormTheStoreDefines: "HCAA" in a question over passages that
// write only "the Civil Aviation Authority of Haldia" is a name the articles know
// when an article defines it, retrieved or not; one nothing defines is
// unknown.
func TestAShortFormTheStoreDefines(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Ivo Tamm said the report of the Civil Aviation Authority of Haldia blamed a missile for the crash."),
		madeUp("b", "Ivo Tamm visited Dalby on Monday."),
	}
	q := "What did Tamm say about the HCAA report on the crash?"
	if a := askWith(t, docs, Options{}, q); a.Grounded {
		t.Errorf("answer %q, want none: nothing defines HCAA", a.Text)
	}
	e := New(abbrevSearcher{docs, []facts.Abbrev{{Short: "HCAA", Long: "Civil Aviation Authority of Haldia"}}}, Options{})
	a, err := e.Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Ivo Tamm said the report of the Civil Aviation Authority") {
		t.Errorf("answer %q, want his words on its report", a.Text)
	}
}

// TestAnAcronymSpeltOutInThePassages: "AZAL" is known where the passages
// write "Azerbaijan Airlines", defined or not; "NATO" is not "National
// Assembly".
func TestAnAcronymSpeltOutInThePassages(t *testing.T) {
	for _, tt := range []struct {
		short, text string
		want        bool
	}{
		{"AZAL", "An Azerbaijan Airlines plane crashed near Aktau.", true},
		{"HNA", "The Haldia National Airways flight was diverted.", true},
		{"NATO", "The National Assembly met on Monday.", false},
		{"CAB", "The Civil Air Board of Haldia met on Monday.", true},
		{"HAB", "The Civil Air Board of Haldia met on Monday.", false},
		{"G20", "The Group of Twenty met.", false},
	} {
		if got := spellsOut(tt.short, tokenize(tt.text)); got != tt.want {
			t.Errorf("spellsOut(%q, %q) = %v, want %v", tt.short, tt.text, got, tt.want)
		}
	}
}

// TestANameRunWithAnAcronym: "the HNA Vireo" is a name the passages
// hold when they write "Haldia National Airways Vireo 190"; a run whose
// other word they never write is not.
func TestANameRunWithAnAcronym(t *testing.T) {
	texts := [][]token{tokenize("A Haldia National Airways Vireo 190 crashed near Lund on December 25.")}
	if got := unknownNames(questionTokens("When did the HNA Vireo crash near Lund happen?"), texts, nil); got != nil {
		t.Errorf("unknown %q, want none", got)
	}
	if got := unknownNames(questionTokens("When did the HNA Falcon crash near Lund happen?"), texts, nil); !slices.Equal(got, []string{"Falcon"}) {
		t.Errorf("unknown %q, want Falcon", got)
	}
}

// TestADenialAnswersWhetherItHappened: "Was anyone at the embassy killed
// or injured?" is answered first by "no injuries were reported" of the
// embassy, not by the city's toll, which shares more of the question's
// words.
func TestADenialAnswersWhetherItHappened(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Ostria launched a missile strike against Dalby overnight in November, killing at least six people and injuring dozens more."),
		madeUp("b", "The Valdorian ministry reported that the impact destroyed part of the embassy's wall in Dalby, though fortunately no injuries were reported."),
	}
	wantOpening(t, docs, "Was anyone at the Valdorian embassy in Dalby killed or injured in the November strike?", "The Valdorian ministry reported", "the denial first")
}

// TestWhenOfAnUndatedActIsNotTheOppositeActsDay: "When did Valdoria
// summon the Ostrian chargé d'affaires?" where the summons is told without
// a day: Halden's summons of Valdoria's envoy on June 30 dates the
// opposite act, and a February date of nothing asked dates neither.
func TestWhenOfAnUndatedActIsNotTheOppositeActsDay(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Valdoria's foreign ministry summoned Ostria's chargé d'affaires in Halden, Ola Brandt, demanding an inquiry."),
		madeUp("b", "The foreign ministry in Dalby said on June 30 it had summoned Valdoria's ambassador in connection with the unfriendly actions of Valdoria and the illegal detention of Ostrian journalists."),
		madeUp("c", "The Ostrian agency had kept working in Valdoria despite having its accreditation revoked in February 2025, the Valdorian ministry said."),
	}
	a := askMadeUp(t, docs, "When did Valdoria summon the Ostrian chargé d'affaires?")
	if !strings.HasPrefix(a.Text, "Valdoria's foreign ministry summoned") || strings.Contains(a.Text, "June 30") || strings.Contains(a.Text, "February") {
		t.Errorf("answer %q, want the undated summons alone", a.Text)
	}
}

// TestWhenDidXSayAnswersByTheirWords: "When did Brandt say he had learned
// what caused the crash?" is answered by his undated words on it and the
// day their article was published, not by his dated words on something
// else, nor by his words beside a date of the crash, nor declined.
func TestWhenDidXSayAnswersByTheirWords(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "“We will pay compensation,” Brandt said. Brandt added that he had learned the cause of the crash only two days before his meeting with Tamm, saying it would take more time to complete the investigation."),
		madeUp("b", "Brandt told Tamm when they met in Lund on October 9 that the missiles had exploded near the plane."),
		madeUp("c", "Relations were seriously damaged last December when a passenger plane crashed, killing 38 people, after air defences fired on it in what Brandt said was a tragic incident."),
	}
	a := askMadeUp(t, docs, "When did Brandt say he had learned what caused the crash?")
	if !strings.HasPrefix(a.Text, "Brandt added that he had learned the cause") || !strings.Contains(a.Text, "published on 14 March 2025") {
		t.Errorf("answer %q, want his undated words and their article's day", a.Text)
	}
}

// TestWhenDidXSayAnswersByTheirReport: "When did Haldia say the plane was
// likely hit by warhead fragments?" is answered by its ministry's report
// (a relaying cue, "reported", of the asked voice) and their article's
// day, not by another passage's "took a hit in December 2024".
func TestWhenDidXSayAnswersByTheirReport(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "LUND, March 14. /NTA/. The Vireo aircraft that crashed near Lund was likely damaged by warhead fragments; however, their origin remains unidentified. The Haldian Ministry of Transport reported that an investigation found no traces of explosives during the examination."),
		madeUp("b", "Relations between Dalby and Lund took a hit in December 2024 when a missile reportedly downed a passenger plane near the border."),
	}
	a := askMadeUp(t, docs, "When did Haldia say the plane was likely hit by warhead fragments?")
	if strings.Contains(a.Text, "December 2024") || !strings.Contains(a.Text, "published on 14 March 2025") {
		t.Errorf("answer %q, want the ministry's words and their article's day", a.Text)
	}
}

// TestAnAgeBeforeTheName: "60-year-old Kamal Brandt" gives his age, which
// the facts read as his; the name need not stand before the age.
func TestAnAgeBeforeTheName(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Among those detained in Halden were the Brandt brothers, who were found dead."),
		madeUp("b", "Some of them were tortured, and two died: 60-year-old Kamal Brandt and his brother, 55-year-old Ola Brandt."),
	}
	wantOpening(t, docs, "How old were the Brandt brothers?", "Some of them were tortured", "the sentence with their ages")
}

// TestCrewMembersAreCrew: "How many crew members died?" is answered by
// "including three crew, died", not by the five crew members on board.
func TestCrewMembersAreCrew(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "There were 62 passengers and 5 crew members on board the ferry that sank near Dalby."),
		madeUp("b", "Thirty-eight passengers, including three crew, died when the ferry sank near Dalby."),
	}
	wantOpening(t, docs, "How many crew members died when the ferry sank?", "Thirty-eight passengers, including three crew", "the crew's dead")
}

// TestWhenKeepsADateOfTheActInOtherWords: "When did Valdoria open its own
// criminal case?" is answered by "initiated its own criminal case on July
// 1", not by the undated sentence that says "opened".
func TestWhenKeepsADateOfTheActInOtherWords(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "However, Valdoria initiated its own criminal case into the miners' deaths on July 1, investigating murder with extreme cruelty."),
		madeUp("b", "Following the miners' deaths, Valdoria's prosecutor general opened a criminal investigation into the police's actions."),
	}
	wantHolding(t, docs, "When did Valdoria open its own criminal case into the miners' deaths?", "July 1")
}
