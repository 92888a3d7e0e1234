package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/retrieval"
)

// bundledLibrary is the real retrieval library over the bundled articles,
// with the local embedder.
func bundledLibrary(t *testing.T) *retrieval.Library {
	t.Helper()
	ctx := context.Background()
	lib, err := retrieval.Open(ctx, retrieval.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := lib.Close(); err != nil {
			t.Error(err)
		}
	})
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	return lib
}

// converse asks each question in turn with the turns before it, as the bot
// does, and returns the history and the last answer.
func converse(t *testing.T, e *Engine, questions ...string) ([]Turn, Answer) {
	t.Helper()
	var hist []Turn
	var a Answer
	for i, q := range questions {
		var err error
		if a, err = e.AskWith(context.Background(), q, hist); err != nil {
			t.Fatal(err)
		}
		if i < len(questions)-1 {
			hist = append(hist, Turn{Question: q, Answer: a.Text})
		}
	}
	return hist, a
}

const (
	sputnikRaidQ = "Why was Sputnik's Baku office raided?"
	moscowThatQ  = "What did Moscow say about that?"
)

// TestFollowUpResolvesThat: "What did Moscow say about that?" after a
// question on the Sputnik raid is answered from the passage on the raid
// that gives Moscow's denial; asked alone, it is answered about Moscow in
// general and cites nothing on the raid.
func TestFollowUpResolvesThat(t *testing.T) {
	e := New(bundledLibrary(t), Options{})
	_, a := converse(t, e, sputnikRaidQ, moscowThatQ)
	checkCitations(t, a)
	checkQuotes(t, a)
	if !a.Grounded || a.Question != moscowThatQ {
		t.Fatalf("follow-up answer grounded=%v question %q: %q", a.Grounded, a.Question, a.Text)
	}
	if !strings.Contains(a.Text, "Moscow has strongly denied these claims, labeling the arrests as baseless") {
		t.Errorf("the answer does not give Moscow's denial: %q", a.Text)
	}
	for _, c := range a.Citations {
		if !strings.Contains(c.Text, "Sputnik") {
			t.Errorf("[%d] %s is not about the Sputnik raid: %.100q", c.Ref, c.PassageID, c.Text)
		}
	}
	if want := "What did Moscow say about that (Sputnik's Baku office raided)?"; a.Resolved != want {
		t.Errorf("Resolved = %q, want %q", a.Resolved, want)
	}

	alone, err := e.Ask(context.Background(), moscowThatQ)
	if err != nil {
		t.Fatal(err)
	}
	if alone.Resolved != "" {
		t.Errorf("Ask set Resolved %q", alone.Resolved)
	}
	// Alone, "Moscow" finds Moscow's words on anything (its denial over
	// the raid among them, as the capital speaks for Russia): only the
	// history keeps the answer to the raid.
	if !slices.ContainsFunc(alone.Citations, func(c Citation) bool { return !strings.Contains(c.Text, "Sputnik") }) {
		t.Errorf("asked alone, the follow-up kept to the raid anyway (the test no longer shows what history adds): %q", alone.Text)
	}
}

// TestFollowUpChain: a follow-up of a follow-up reaches back to the
// question the chain started from.
func TestFollowUpChain(t *testing.T) {
	e := New(bundledLibrary(t), Options{})
	_, a := converse(t, e, sputnikRaidQ, moscowThatQ, "When?")
	if !a.Grounded || !strings.Contains(a.Text, "June 30") || !strings.Contains(a.Text, "Sputnik") {
		t.Errorf("\"When?\" after the raid and Moscow's reaction = %q, want the raid's date, June 30", a.Text)
	}
	if want := "When (Moscow; Sputnik's Baku office raided)?"; a.Resolved != want {
		t.Errorf("Resolved = %q, want %q", a.Resolved, want)
	}
}

// TestFollowUpSelfContained: a question with its own subject after an
// unrelated turn is answered exactly as Ask answers it.
func TestFollowUpSelfContained(t *testing.T) {
	e := New(bundledLibrary(t), Options{})
	first, err := e.Ask(context.Background(), sputnikRaidQ)
	if err != nil {
		t.Fatal(err)
	}
	hist := []Turn{{Question: sputnikRaidQ, Answer: first.Text}}
	for _, q := range []string{
		"How many passengers died when the Azerbaijani plane was shot down?",
		"Which parade did Aliyev skip in May 2025?",
		"Where were the Safarov brothers detained?",
		"Who is Shiriyev?", // a name the conversation has not mentioned
		"What did Putin say about the plane that was shot down?",
		"Is it true that Moscow denied the FSB claims?",
		"Were there any arrests in Baku after the raid?",
	} {
		t.Run(q, func(t *testing.T) {
			want, err := e.Ask(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.AskWith(context.Background(), q, hist)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("AskWith after %q differs from Ask (-Ask +AskWith):\n%s", sputnikRaidQ, diff)
			}
		})
	}
}

// TestFollowUpOwnWordsDominate: a question that refers back but names its
// own subject is answered about that subject, not the earlier one.
func TestFollowUpOwnWordsDominate(t *testing.T) {
	e := New(bundledLibrary(t), Options{})
	tests := []struct{ before, q, want string }{
		{"Who were the two brothers who died in custody?", "Who is Shiriyev and what did he say?", "Shiriyev"},
		{sputnikRaidQ, "Which parade did Aliyev skip in May 2025, and why was it a snub?", "Victory Day"},
	}
	for _, tt := range tests {
		_, a := converse(t, e, tt.before, tt.q)
		if a.Resolved == "" {
			t.Errorf("%q was not read as a follow-up", tt.q)
		}
		if !a.Grounded || !strings.Contains(a.Text, tt.want) {
			t.Errorf("%q after %q = %q, want it about %s", tt.q, tt.before, a.Text, tt.want)
		}
	}
}

// followUps are conversations on the bundled articles whose last question
// needs the ones before it, with words one of which the answer's first
// sentence must contain.
var followUps = []struct {
	before []string
	q      string
	want   []string
}{
	{[]string{sputnikRaidQ}, moscowThatQ, []string{"baseless", "decried", "illegal detention of Russian journalists"}},
	{[]string{"Who were the two brothers who died in custody in Yekaterinburg?"}, "How did they die?", []string{"post-traumatic", "heart"}},
	{[]string{"Which Russian deputy prime minister had his visit to Baku canceled?"}, "Why was it canceled?", []string{"In reaction to the deaths", "suspending high-level", "ethnic bias"}},
	{[]string{"Who is Aytekin Huseynova?"}, "What was she doing when she was detained?", []string{"filming"}},
	{[]string{"Who did Azerbaijan summon over the deaths?"}, "What was his name?", []string{"Volokovykh"}},
	{[]string{"What happened to the Sputnik Azerbaijan journalists?"}, "What were they suspected of?", []string{"FSB", "Federal Security Service"}},
	{[]string{sputnikRaidQ}, "When did that happen?", []string{"June 30"}},
	{[]string{sputnikRaidQ}, "Who was detained?", []string{"Kartavykh"}},
	{[]string{sputnikRaidQ, moscowThatQ}, "When?", []string{"June 30"}},
	{[]string{"What did Russia's Foreign Ministry do after the Sputnik raid?"}, "And what did it accuse Baku of on July 1?", []string{"dismantle"}},
	{[]string{"What caused the deaths of the Safarov brothers according to Azerbaijan?"}, "What about Russia?", []string{"heart"}},
	{[]string{"Who is Zaur Shiriyev?"}, "What did he say about Azerbaijan's message?", []string{"no longer willing"}},
	{[]string{"Where did the police operation take place?"}, "How many people were arrested there?", []string{"dozens", "50"}},
	{[]string{"Who did Azerbaijan summon over the deaths?"}, "What did Baku demand from him?", []string{"transparent probe"}},
	{[]string{"When did Azerbaijani police raid the Sputnik office?"}, "Who else was detained on that day?", []string{"Huseynova", "Kartavykh", "IT specialists"}},
	{[]string{"Where were the Safarov brothers detained?"}, "When was the raid there?", []string{"June 27", "27 June", "last Friday"}},
	{[]string{"Who was detained in Baku on July 1?"}, "Which agency does she work for?", []string{"Ruptly"}},
	{[]string{"What did Azerbaijani media compare Putin to?"}, "Why?", []string{"authoritarian", "brutality"}},
	{[]string{"Which Russian deputy prime minister had his visit to Baku canceled?"}, "How do the articles spell his first name?", []string{"Alexei", "Aleksei"}},
	{[]string{"How did Russia explain the deaths?"}, "And Azerbaijan?", []string{"post-traumatic", "torture"}},
}

// TestFollowUpConversations holds the follow-up floor: how many of the
// conversations are answered in the first sentence with history, and how
// many more than the same questions asked alone. Measured when written: 14
// of 20 with history, 6 alone.
func TestFollowUpConversations(t *testing.T) {
	const floor, minGain = 13, 6
	e := New(bundledLibrary(t), Options{})
	first := func(a Answer, want []string) bool {
		s, _, _ := strings.Cut(a.Text, " [")
		return a.Grounded && slices.ContainsFunc(want, func(w string) bool { return strings.Contains(s, w) })
	}
	with, alone := 0, 0
	for _, c := range followUps {
		_, a := converse(t, e, append(slices.Clone(c.before), c.q)...)
		checkCitations(t, a)
		if a.Resolved == "" {
			t.Errorf("%q after %q was not read as a follow-up", c.q, c.before)
		}
		if first(a, c.want) {
			with++
		} else {
			t.Logf("miss: %q after %q (taken as %q): %.160q", c.q, c.before, a.Resolved, a.Text)
		}
		b, err := e.Ask(context.Background(), c.q)
		if err != nil {
			t.Fatal(err)
		}
		if first(b, c.want) {
			alone++
		}
	}
	t.Logf("answered with history %d/%d, alone %d/%d", with, len(followUps), alone, len(followUps))
	if with < floor || with-alone < minGain {
		t.Errorf("answered with history %d/%d (floor %d), alone %d (want at least %d fewer)", with, len(followUps), floor, alone, minGain)
	}
}

func TestDependsOnHistory(t *testing.T) {
	sputnik := []Turn{{Question: sputnikRaidQ, Answer: "Authorities allege both are FSB operatives, though Moscow has strongly denied these claims."}}
	tests := []struct {
		q    string
		hist []Turn
		want bool
	}{
		// Referring words.
		{moscowThatQ, sputnik, true},
		{"When did that happen?", sputnik, true},
		{"Did Moscow deny that claim?", sputnik, true},
		{"Who said that?", sputnik, true},
		{"Moscow said that was illegal, didn't it?", sputnik, true},
		{"What were they suspected of?", sputnik, true},
		{"What was his name?", sputnik, true},
		{"Where does she work?", sputnik, true},
		{"How many people were arrested there?", sputnik, true},
		{"Who else was detained in Baku?", sputnik, true},
		{"Did the same thing happen to Ruptly's journalist?", sputnik, true},
		{"What happened to the other brother?", sputnik, true},
		{"Why was it raided by the police?", sputnik, true},
		{"Were those journalists charged with espionage?", sputnik, true},
		{"What happened then?", sputnik, true},
		// Continuations.
		{"And Russia?", sputnik, true},
		{"What about the FSB claims against the journalists?", sputnik, true},
		{"How about Ruptly?", sputnik, true},
		{"But why did Azerbaijan raid the Sputnik office?", sputnik, true},
		// Too few words of its own.
		{"Why?", sputnik, true},
		{"When?", sputnik, true},
		{"Who was detained?", sputnik, true},
		{"What did Moscow say?", sputnik, true},  // the answer named Moscow
		{"How many people died?", sputnik, true}, // "people" names nothing
		// Standing alone.
		{"Who is Shiriyev?", sputnik, false}, // a name the conversation has not mentioned
		{"What did Moscow say?", []Turn{{Question: "Who is Shiriyev?", Answer: "A Carnegie fellow."}}, false},
		{"How many passengers died when the Azerbaijani plane was shot down?", sputnik, false},
		{"Who said that the Safarov brothers were tortured?", sputnik, false},
		{"Is it true that Moscow denied the FSB claims?", sputnik, false},
		{"Did officials report that detainees were beaten in Yekaterinburg?", sputnik, false},
		{"What was the name of the agency that raided the Sputnik office?", sputnik, false},
		{"Which office that was searched in Baku belonged to Sputnik?", sputnik, false},
		{"Were there any arrests in Baku after the raid?", sputnik, false},
		{"How long did it take Russia to report the deaths?", sputnik, false},
		{"What happened in Baku this week?", sputnik, false},
		{"Which parade did Aliyev skip in May 2025?", sputnik, false},
		{"Where were the Safarov brothers detained?", sputnik, false},
	}
	for _, tt := range tests {
		if got := dependsOnHistory(tt.q, tt.hist); got != tt.want {
			t.Errorf("dependsOnHistory(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct{ q, about, want string }{
		{moscowThatQ, "Sputnik's Baku office raided", "What did Moscow say about that (Sputnik's Baku office raided)?"},
		{"What was his name?", "Azerbaijan summon", "What was his name (Azerbaijan summon)?"},
		{"Did Moscow deny that claim?", "FSB operatives", "Did Moscow deny that claim (FSB operatives)?"},
		{"Why?", "media compare Putin", "Why (media compare Putin)?"},
		{"And Russia", "cause of death", "And Russia (cause of death)"},
		{"Who else was detained?", "Sputnik raid", "Who else (Sputnik raid) was detained?"},
	}
	for _, tt := range tests {
		if got := resolve(tt.q, tt.about); got != tt.want {
			t.Errorf("resolve(%q, %q) = %q, want %q", tt.q, tt.about, got, tt.want)
		}
	}
}

// TestFollowUpContextStaysSecondary: the words a follow-up takes from
// earlier turns decide between sentences that have the question's own
// words, but never outweigh them.
func TestFollowUpContextStaysSecondary(t *testing.T) {
	results := []retrieval.Result{
		{Passage: corpus.Passage{ID: "a", Text: "Police raided the Sputnik office in Baku and seized equipment. Officials gave no reason."}},
		{Passage: corpus.Passage{ID: "b", Text: "Zaur Shiriyev is a fellow at the Carnegie Russia Eurasia Center. He studies the Caucasus."}},
		{Passage: corpus.Passage{ID: "c", Text: "Moscow called the raid on the Sputnik office in Baku illegal. Moscow also summoned the ambassador."}},
	}
	context := contentKeys(tokenize("Sputnik office Baku raided"))
	tests := []struct{ q, want string }{
		{"Who is Shiriyev?", "b"},
		{"What did Moscow say?", "c"},
	}
	for _, tt := range tests {
		ev := analyseIn(tt.q, context, results, lexicon{})
		if len(ev.Ranked) == 0 {
			t.Fatalf("%q: no sentence ranked", tt.q)
		}
		if got := results[ev.Ranked[0].P].ID; got != tt.want {
			t.Errorf("%q with context: best sentence %q from %s, want one from %s", tt.q, ev.Ranked[0].Text, got, tt.want)
		}
	}
}

// chatRecorder is a Chat that records the messages it is sent and cites
// passage 1.
type chatRecorder struct{ msgs [][]Message }

func (c *chatRecorder) Model() string { return "recorder" }

func (c *chatRecorder) Complete(_ context.Context, msgs []Message) (string, error) {
	c.msgs = append(c.msgs, slices.Clone(msgs))
	return "Moscow denied the claims [1].", nil
}

func TestFollowUpPromptCarriesHistory(t *testing.T) {
	f := newFakeLLM(t, say("Moscow strongly denied the claims [1]."))
	e := New(sputnikPassages(t), Options{Chat: newTestChat(t, f)})
	hist := []Turn{
		{Question: "Who are the Sputnik employees?", Answer: "Igor Kartavykh and Yevgeny Belousov [1], detained in Baku [2][3]."},
		{Question: "Why\u200b were they ａｒｒｅｓｔｅｄ?\x07", Answer: "They were suspected of working for the FSB [1, 2]. [3] dates it to June 30."},
	}
	a, err := e.AskWith(context.Background(), moscowThatQ, hist)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Grounded || a.Mode != ModeLLM || a.Resolved == "" {
		t.Errorf("answer grounded=%v mode %s resolved %q, want a grounded follow-up from the model", a.Grounded, a.Mode, a.Resolved)
	}
	msgs := f.request(0).Messages
	var got []Message
	for _, m := range msgs {
		got = append(got, Message{Role: m.Role, Content: m.Content})
	}
	want := []Message{
		{RoleUser, "Who are the Sputnik employees?"},
		{RoleAssistant, "Igor Kartavykh and Yevgeny Belousov, detained in Baku."},
		{RoleUser, "Why were they arrested?"},
		{RoleAssistant, "They were suspected of working for the FSB. dates it to June 30."},
	}
	if len(got) != len(want)+2 {
		t.Fatalf("%d messages, want system, %d of history, then the question:\n%+v", len(got), len(want), got)
	}
	if diff := cmp.Diff(want, got[1:len(got)-1]); diff != "" {
		t.Errorf("history messages (-want +got):\n%s", diff)
	}
	if !strings.Contains(got[0].Content, historyRule) || !strings.HasPrefix(got[0].Content, systemPrompt) {
		t.Errorf("system prompt lacks the rule on earlier turns:\n%s", got[0].Content)
	}
	last := got[len(got)-1]
	if last.Role != RoleUser || !strings.Contains(last.Content, "Question: "+moscowThatQ) || !strings.Contains(last.Content, "[1] <passage") {
		t.Errorf("last message is not the question with its passages:\n%s", last.Content)
	}
}

// TestFollowUpHistoryBounded: the earlier turns take at most their share
// of the context budget; the oldest go first, the latest is cut to fit,
// and the passages keep the rest.
func TestFollowUpHistoryBounded(t *testing.T) {
	long := strings.Repeat("The raid was condemned in Moscow. ", 200) // 6,800 characters
	tests := []struct {
		name       string
		hist       []Turn
		wantTurns  int
		wantLatest string // prefix of the latest turn's answer as sent
	}{
		{
			name:      "oldest dropped first",
			hist:      []Turn{{"first question?", "first " + strings.Repeat("x", 600)}, {"second question?", "second " + strings.Repeat("x", 600)}, {"third question?", "third " + strings.Repeat("x", 600)}},
			wantTurns: 2, wantLatest: "third x",
		},
		{
			name:      "latest alone too long is cut",
			hist:      []Turn{{"old question?", "old answer"}, {"Why was Sputnik raided?", long}},
			wantTurns: 1, wantLatest: "The raid was condemned",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chat := &chatRecorder{}
			const budget = 6000
			e := New(sputnikPassages(t), Options{Chat: chat, MaxContextChars: budget})
			if _, err := e.AskWith(context.Background(), moscowThatQ, tt.hist); err != nil {
				t.Fatal(err)
			}
			if len(chat.msgs) != 1 {
				t.Fatalf("the model was asked %d times, want once", len(chat.msgs))
			}
			msgs := chat.msgs[0]
			turns := msgs[1 : len(msgs)-1]
			if len(turns) != 2*tt.wantTurns {
				t.Fatalf("%d history messages, want %d", len(turns), 2*tt.wantTurns)
			}
			used, total := 0, 0
			for _, m := range turns {
				used += utf8.RuneCountInString(m.Content)
			}
			for _, m := range msgs {
				total += utf8.RuneCountInString(m.Content)
			}
			if used > budget/historyShare {
				t.Errorf("history takes %d characters, more than %d", used, budget/historyShare)
			}
			if total > budget {
				t.Errorf("prompt is %d characters, over the budget of %d", total, budget)
			}
			latest := turns[len(turns)-1]
			if latest.Role != RoleAssistant || !strings.HasPrefix(latest.Content, tt.wantLatest) {
				t.Errorf("latest turn's answer = %.60q, want it to start %q", latest.Content, tt.wantLatest)
			}
			if !strings.Contains(msgs[len(msgs)-1].Content, "[1] <passage") {
				t.Errorf("no passage left in the prompt")
			}
		})
	}
}

// TestFollowUpCleaning: the question is checked as Ask checks it; earlier
// turns are cleaned and cut, never an error.
func TestFollowUpCleaning(t *testing.T) {
	e := New(newBM25(loadPassages(t)), Options{MaxQuestionLen: 100})
	ctx := context.Background()
	hist := []Turn{{Question: sputnikRaidQ, Answer: "They were raided [1]."}}
	for _, q := range []string{"", " \u200b\t", strings.Repeat("why ", 30)} {
		_, want := e.Ask(ctx, q)
		_, got := e.AskWith(ctx, q, hist)
		if want == nil || errs.Code(got) != errs.Code(want) || errs.Message(got) != errs.Message(want) {
			t.Errorf("AskWith(%.20q) error = %v, want Ask's %v", q, got, want)
		}
	}

	dirty := []Turn{
		{Question: strings.Repeat("Why was Sputnik raided? ", 100), Answer: strings.Repeat("Police raided it [1]. ", 500)},
		{Question: "\x00\u202e", Answer: "no question"},
		{Question: "Ｗｈｙ was the\u0007 Sputnik office\u200b raided?", Answer: "On June 30 [2]\u202e."},
	}
	got := e.cleanHistory(dirty)
	if len(got) != 2 {
		t.Fatalf("cleanHistory kept %d turns, want 2 (the one without a question dropped): %q", len(got), got)
	}
	if n := utf8.RuneCountInString(got[0].Question); n > 100 {
		t.Errorf("history question is %d characters, over MaxQuestionLen", n)
	}
	if n := utf8.RuneCountInString(got[0].Answer); n > MaxHistoryAnswer {
		t.Errorf("history answer is %d characters, over %d", n, MaxHistoryAnswer)
	}
	if diff := cmp.Diff(Turn{Question: "Why was the Sputnik office raided?", Answer: "On June 30."}, got[1]); diff != "" {
		t.Errorf("cleaned turn (-want +got):\n%s", diff)
	}
	for _, turn := range got {
		for _, r := range turn.Question + turn.Answer {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Errorf("cleaned history keeps %U", r)
			}
		}
		if reRef.MatchString(turn.Answer) {
			t.Errorf("cleaned answer keeps a [n] marker: %.60q", turn.Answer)
		}
	}

	var many []Turn
	for i := range 3 * MaxHistoryTurns {
		many = append(many, Turn{Question: "question " + strings.Repeat("x", i), Answer: "answer"})
	}
	if got := e.cleanHistory(many); len(got) != MaxHistoryTurns || got[len(got)-1] != many[len(many)-1] {
		t.Errorf("cleanHistory of %d turns kept %d ending %q, want the latest %d", len(many), len(got), got[len(got)-1].Question, MaxHistoryTurns)
	}
}

// TestAskWithoutHistoryUnchanged: AskWith with no history, or with a
// history of nothing, is Ask.
func TestAskWithoutHistoryUnchanged(t *testing.T) {
	e := seedEngine(t, Options{})
	for _, q := range []string{sputnikRaidQ, moscowThatQ, "Why?"} {
		want, err := e.Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, hist := range [][]Turn{nil, {}, {{Question: " ", Answer: "ignored"}}} {
			got, err := e.AskWith(context.Background(), q, hist)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("AskWith(%q, %q) differs from Ask (-Ask +AskWith):\n%s", q, hist, diff)
			}
		}
	}
}

// TestFollowUpPronounStaysWithItsSubject: "Where did they live?" after a
// question on the Brandt brothers is about them: not answered by "claiming
// the lives of all 38 passengers", which shares its verb's stem.
func TestFollowUpPronounStaysWithItsSubject(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The ferry went down near Dalby, claiming the lives of all 38 passengers."),
		madeUp("b", "The Brandt brothers, Ola Brandt, 60, and Ivo Brandt, 55, ran a small cafe in Halden."),
	}
	hist := []Turn{{Question: "how old were the brandt brothers", Answer: "The Brandt brothers, Ola Brandt, 60, and Ivo Brandt, 55, ran a small cafe in Halden. [1]"}}
	a, err := New(docs, Options{}).AskWith(context.Background(), "where did they live", hist)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "ferry") {
		t.Errorf("answer %q, about the ferry's dead, not the brothers", a.Text)
	}
	checkCitations(t, a)
}

// TestWhetherSourcesAgreeAsksTheQuestionInside: "Do the sources agree on
// how many miners died?" is answered as "how many miners died?", whose
// answer sets out each source's figure, and keeps the user's question.
func TestWhetherSourcesAgreeAsksTheQuestionInside(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Two miners died in custody in Halden on Friday, the Valdorian ministry said."),
		madeUp("b", "Five miners died in custody in Halden on Friday, according to the miners' union."),
	}
	e := New(docs, Options{})
	inner, err := e.Ask(context.Background(), "How many miners died in custody in Halden?")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"Do the sources agree on how many miners died in custody in Halden?",
		"do outlets differ about how many miners died in custody in Halden",
		"Is there any disagreement over how many miners died in custody in Halden?",
	} {
		a, err := e.Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if a.Text != inner.Text || a.Question != q {
			t.Errorf("%s:\nanswer %q (question %q)\nwant   %q", q, a.Text, a.Question, inner.Text)
		}
	}
	if !strings.Contains(inner.Text, "disagree") {
		t.Errorf("answer %q shows no disagreement", inner.Text)
	}
}

// TestAnOutletNamedInTheQuestion: "According to the Halden Herald, …"
// searches that outlet's articles, which the wider ranking leaves out, and
// its name is no word their sentences must hold.
func TestAnOutletNamedInTheQuestion(t *testing.T) {
	ctx := context.Background()
	lib, err := retrieval.Open(ctx, retrieval.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	docs := []corpus.Document{{ID: "herald", Title: "Miners' deaths", Outlet: "Halden Herald",
		Body: "Autopsies revealed broken ribs and blunt-force trauma, contradicting the police."},
		{ID: "vestnik", Title: "Miners' deaths", Outlet: "Vestnik Daily News",
			Body: "Autopsies revealed heart failure in both men, the regional coroner said."},
		{ID: "mehr", Title: "Miners' deaths", Outlet: "Mehr News Agency",
			Body: "Autopsies revealed that both miners had been poisoned, officials in Dalby told the agency."},
		{ID: "rta", Title: "Miners' deaths", Outlet: "RTA",
			Body: "Autopsies revealed that one miner drowned, the agency learned."}}
	for i := range 30 {
		docs = append(docs, corpus.Document{ID: fmt.Sprintf("other%02d", i), Title: "Autopsies of the miners", Outlet: "Dalby Daily",
			Body: fmt.Sprintf("Report %d: the autopsies of the miners revealed what the autopsies of miners reveal, doctors said.", i)})
	}
	if _, err := lib.Ingest(ctx, docs); err != nil {
		t.Fatal(err)
	}
	a, err := New(lib, Options{}).Ask(ctx, "According to the Halden Herald, what did the autopsies reveal?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Autopsies revealed broken ribs") {
		t.Errorf("answer %q, want the Halden Herald's sentence", a.Text)
	}
	checkCitations(t, a)
	// The first word of a longer name, when it is no English word.
	a, err = New(lib, Options{}).Ask(ctx, "According to Vestnik, what did the autopsies reveal?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Autopsies revealed heart failure") {
		t.Errorf("answer %q, want Vestnik Daily News's sentence", a.Text)
	}
	// So is a four-letter one.
	a, err = New(lib, Options{}).Ask(ctx, "According to Mehr, what did the autopsies reveal?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Autopsies revealed that both miners had been poisoned") {
		t.Errorf("answer %q, want Mehr News Agency's sentence", a.Text)
	}
	// An acronym in lower case, as a chat types it.
	a, err = New(lib, Options{}).Ask(ctx, "according to rta, what did the autopsies reveal?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Autopsies revealed that one miner drowned") {
		t.Errorf("answer %q, want RTA's sentence", a.Text)
	}
}

// TestALowerCaseQuestionKeepsItsDirection: "when did brandt call marten?"
// typed in a chat asks of Brandt's call to Marten, as the capitalised
// question does, not of Marten's call to Brandt.
func TestALowerCaseQuestionKeepsItsDirection(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On October 7, Marten called Brandt to congratulate him on his birthday."),
		madeUp("b", "On July 1, Brandt called Marten to offer condolences over the deaths."),
	}
	for _, q := range []string{"When did Brandt call Marten?", "when did brandt call marten?"} {
		a := askMadeUp(t, docs, q)
		if !strings.HasPrefix(a.Text, "On July 1, Brandt called Marten") {
			t.Errorf("%s: answer %q, want Brandt's call to Marten", q, a.Text)
		}
	}
}

// TestABareQuestionWordAsksTheLastQuestionAgain: "When?" after "Did
// Brandt call Marten?" is "When did Brandt call Marten?", and "Where?"
// after "Who did Halden summon …?" asks where Halden summoned. "Why?", and
// a question word after a question without an auxiliary or one that
// leans on the turn before, are read in context as before.
func TestABareQuestionWordAsksTheLastQuestionAgain(t *testing.T) {
	for _, tt := range []struct {
		q    string
		hist []string
		want string
	}{
		{"when?", []string{"did brandt call marten?"}, "When did brandt call marten?"},
		{"And where?", []string{"Who did Halden summon over the raid?"}, "Where did Halden summon over the raid?"},
		{"where was that?", []string{"Did Brandt call Marten?", "When?"}, "Where did Brandt call Marten?"},
		{"Why?", []string{"Did Brandt call Marten?"}, ""},
		// "How many … were detained …?" asks of people in the passive:
		// "Why?" and "When?" ask it of them.
		{"Why?", []string{"How many miners were detained in the raid?"}, "Why were miners detained in the raid?"},
		{"when?", []string{"How many people have been held in Halden?"}, "When have people been held in Halden?"},
		// "How many miners died in Dalby?" has no auxiliary: "Why?" asks
		// why they died there, and again after "Why?".
		{"Why?", []string{"How many miners died in Dalby?"}, "Why miners died in Dalby"},
		{"when?", []string{"How many miners died in Dalby?", "Why?"}, "When miners died in Dalby"},
		// "How many?" asks of the people of a passive.
		{"How many?", []string{"Why were Ostrian citizens detained in Dalby?"}, "How many Ostrian citizens were detained in Dalby?"},
		{"and how many?", []string{"Did Brandt call Marten?"}, ""},
		{"When?", []string{"Who did Halden summon?", "What did Dalby say about that?"}, ""},
		// A question of who it was, between, asks nothing of its own.
		{"When was that?", []string{"Why did Halden summon the Ostrian envoy?", "What was his name?"}, "When did Halden summon the Ostrian envoy?"},
		{"When?", []string{"What happened in the raid?"}, ""},
		{"When did he say it?", []string{"Did Brandt call Marten?"}, ""},
	} {
		var hist []Turn
		for _, h := range tt.hist {
			hist = append(hist, Turn{Question: h, Answer: "…"})
		}
		if got := askedWhole(tt.q, hist); got != tt.want {
			t.Errorf("askedWhole(%q after %q) = %q, want %q", tt.q, tt.hist, got, tt.want)
		}
	}
	docs := fixedSearcher{
		madeUp("a", "On October 7, Marten called Brandt to congratulate him on his birthday."),
		madeUp("b", "On July 1, Brandt called Marten to offer condolences over the deaths."),
	}
	a, err := New(docs, Options{}).AskWith(context.Background(), "when?", []Turn{{Question: "did brandt call marten?", Answer: "Brandt called Marten to offer condolences over the deaths. [1]"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "On July 1, Brandt called Marten") || a.Resolved != "When did brandt call marten?" {
		t.Errorf("answer %q read as %q, want the date of Brandt's call", a.Text, a.Resolved)
	}
}

// TestACorrectionAsksTheLastQuestionOfWhatWasMeant: "no, I meant X" asks
// the last question again of X, in place of its last phrase that opens
// with the same word, or beside it; anything else is no correction.
func TestACorrectionAsksTheLastQuestionOfWhatWasMeant(t *testing.T) {
	for _, tt := range []struct {
		q    string
		hist []string
		want string
	}{
		{"no, i meant the courier staff", []string{"who was detained?"}, "who was detained (the courier staff)?"},
		{"No I meant the union leaders", []string{"What happened to the miners?"}, "What happened to the union leaders?"},
		{"sorry, I mean in Dalby", []string{"How many people were detained in Halden?"}, "How many people were detained in Dalby?"},
		{"I'm asking about Dalby", []string{"When did the protests begin?"}, "When did the protests begin (Dalby)?"},
		{"no, I meant in Dalby", []string{"Did Brandt call Marten?", "When?"}, "When did Brandt call Marten (in Dalby)?"},
		{"what did they mean?", []string{"Who was detained?"}, ""},
		{"no, I meant the staff", nil, ""},
	} {
		var hist []Turn
		for _, h := range tt.hist {
			hist = append(hist, Turn{Question: h, Answer: "…"})
		}
		if got := corrected(tt.q, hist); got != tt.want {
			t.Errorf("corrected(%q after %q) = %q, want %q", tt.q, tt.hist, got, tt.want)
		}
	}
	docs := fixedSearcher{
		madeUp("a", "Police in Halden detained the union leader Ola Brandt."),
		madeUp("b", "Police in Dalby raided the Courier's office and detained two of its editors, Ivo Tamm and Lena Varga."),
	}
	a, err := New(docs, Options{}).AskWith(context.Background(), "no, I meant the Courier staff", []Turn{{Question: "Who was detained?", Answer: "Police in Halden detained the union leader Ola Brandt. [1]"}})
	if err != nil {
		t.Fatal(err)
	}
	if a.Resolved != "Who was detained (the Courier staff)?" || !strings.HasPrefix(a.Text, "Police in Dalby raided the Courier's office") {
		t.Errorf("answer %q read as %q, want the Courier's editors", a.Text, a.Resolved)
	}
}

// TestHeIsTheOneTheLastAnswerNamed: after "Who was summoned …?", "what did
// he say?" asks of the person the answer named; after a question that
// names the person, or when the follow-up names one, the pronoun is left
// as it is.
func TestHeIsTheOneTheLastAnswerNamed(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The Halden ministry summoned Valdoria's envoy Erik Lund over the raids on Monday."),
		madeUp("b", "Erik Lund said the raids had been lawful and the detainees were treated well."),
		madeUp("c", "The ministry said the protest was handed over at the meeting."),
	}
	e := New(docs, Options{})
	hist := []Turn{{Question: "Who was summoned over the raids?", Answer: "The Halden ministry summoned Valdoria's envoy Erik Lund over the raids on Monday. [1]"}}
	a, err := e.AskWith(context.Background(), "what did he say?", hist)
	if err != nil {
		t.Fatal(err)
	}
	if a.Resolved != "what did Erik Lund say?" || !strings.Contains(a.Text, "lawful") {
		t.Errorf("resolved %q, answer %q: want Erik Lund's words", a.Resolved, a.Text)
	}
	for _, tt := range []struct{ q string }{{"Who is Ola Brandt and what did he say?"}} {
		if got := withAnsweredPerson(tt.q, hist); got != "" {
			t.Errorf("withAnsweredPerson(%q) = %q, want it left as asked", tt.q, got)
		}
	}
	named := []Turn{{Question: "Who is Erik Lund?", Answer: "Valdoria's envoy Erik Lund met Ola Brandt on Monday. [1]"}}
	if got := withAnsweredPerson("what did he say?", named); got != "" {
		t.Errorf("after a question naming him: %q, want the pronoun left to the question's name", got)
	}
	// The one the answer names beside the person asked about is the
	// answer: he is not Ola Brandt.
	for _, last := range []string{"Who did Ola Brandt meet in Halden?", "Who was summoned by Ola Brandt in Halden?"} {
		met := []Turn{{Question: last, Answer: "On Monday, Ola Brandt met Valdoria's envoy Erik Lund in Halden. [1]"}}
		if got := withAnsweredPerson("what did he say?", met); got != "what did Erik Lund say?" {
			t.Errorf("after %q: %q, want what did Erik Lund say?", last, got)
		}
	}
}

// TestTheyAreThePeopleTheLastAnswerNamed: after "who got detained
// there", "what were they accused of?" asks of the people the answer
// named, not of whose they are; with one person named, "they" is left.
func TestTheyAreThePeopleTheLastAnswerNamed(t *testing.T) {
	two := []Turn{{Question: "who got detained there", Answer: "Later, the head office said that security crews detained Courier Ostria's head of newsdesk Ivo Tamm and editor-in-chief Lena Varga. [1]"}}
	if got, want := withAnsweredPerson("what were they accused of?", two), "what were Ivo Tamm and Lena Varga accused of?"; got != want {
		t.Errorf("withAnsweredPerson = %q, want %q", got, want)
	}
	one := []Turn{{Question: "who got detained there", Answer: "Police detained the Courier's editor Ivo Tamm. [1]"}}
	if got := withAnsweredPerson("what were they accused of?", one); got != "" {
		t.Errorf("one person named: %q, want \"they\" left as asked", got)
	}
	if got, want := withAnsweredPerson("what did he say?", one), "what did Ivo Tamm say?"; got != want {
		t.Errorf("withAnsweredPerson = %q, want %q: the Courier's is whose he is", got, want)
	}
}

// TestAndXAsksTheLastQuestionOfX: "And Estmark?" asks the last question
// again of Estmark in place of its one name of that kind, and "and in
// Dalby?" in place of its phrase opened by "in"; with two names to
// choose from, or a question of its own, nothing is replaced.
func TestAndXAsksTheLastQuestionOfX(t *testing.T) {
	for _, tt := range []struct{ last, q, want string }{
		{"What did Halden say about the raid?", "And Estmark?", "What did Estmark say about the raid?"},
		{"What did Halden's ministry say about the raid?", "what about Ivo Tamm?", "What did Ivo Tamm say about the raid?"},
		{"What did Azerbaijan's ministry say about the raid?", "what about Russia?", "What did Russia's ministry say about the raid?"},
		// A possessive country owns the capitalised words after it.
		{"What did Azerbaijan's Foreign Ministry say about the raid?", "And Russia?", "What did Russia's Foreign Ministry say about the raid?"},
		{"What is the Ark project?", "and Zakharova?", ""},
		{"How many miners were detained in Halden?", "and in Dalby?", "How many miners were detained in Dalby?"},
		{"What did Azerbaijan say about the raid?", "and russia?", "What did russia say about the raid?"},
		{"Why did ties between Azerbaijan and Russia sour?", "And Russia?", ""},
		{"What did Halden say about the raid?", "and why?", ""},
		{"Why did Halden close the mine?", "And Ivo Tamm?", ""},
		{"What did Ivo Tamm say about the raid?", "And Russia?", ""},
		{"How many miners were detained?", "and in Dalby?", ""},
	} {
		if got := continuedWith(tt.q, []Turn{{Question: tt.last, Answer: "…"}}); got != tt.want {
			t.Errorf("%q after %q = %q, want %q", tt.q, tt.last, got, tt.want)
		}
	}
	docs := fixedSearcher{
		madeUp("a", "Halden officials said the raid on the miners' camp was lawful."),
		madeUp("b", "Estmark's ministry said the raid on the miners' camp was a crime."),
	}
	a, err := New(docs, Options{}).AskWith(context.Background(), "And Estmark?", []Turn{{Question: "What did Halden say about the raid?", Answer: "Halden officials said the raid on the miners' camp was lawful. [1]"}})
	if err != nil {
		t.Fatal(err)
	}
	if a.Resolved != "What did Estmark say about the raid?" || !strings.Contains(a.Text, "was a crime") {
		t.Errorf("answer %q read as %q, want Estmark's words", a.Text, a.Resolved)
	}
}

// TestACountInAPlaceIsNotOneThePlaceSpeaks: "How many were detained in
// Halden?" is not answered by "According to Halden, nine …", where Halden
// speaks.
func TestACountInAPlaceIsNotOneThePlaceSpeaks(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "According to Halden, nine miners were detained in the raids on Friday."),
		madeUp("b", "Police in Halden detained 12 miners at the docks on Monday after the raids."),
	}
	a, err := New(docs, Options{MaxSentences: 1}).Ask(context.Background(), "How many miners were detained in Halden?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "12 miners") {
		t.Errorf("answer %q, want the 12 held in Halden", a.Text)
	}
}

// TestHeIsThePersonTheLastQuestionAskedAbout: "Who did he meet?" after
// "Why was the Estmarkian envoy summoned?" asks of the envoy; with two
// people, a name of its own, or no one person asked about, the pronoun is
// left as it is.
func TestHeIsThePersonTheLastQuestionAskedAbout(t *testing.T) {
	for _, tt := range []struct{ last, q, want string }{
		{"Why was the Estmarkian envoy summoned in Halden?", "Who did he meet?", "Who did the Estmarkian envoy meet?"},
		{"What did Halden's foreign minister say about the raid?", "when did she say it?", "when did Halden's foreign minister say it?"},
		{"Why did the envoy and the minister meet?", "What did he say?", ""},
		{"Why was the Estmarkian envoy summoned?", "Who did Ivo Tamm meet?", ""},
		{"Why were the miners detained?", "Who did he meet?", ""},
		{"Why was the envoy Ivo Tamm summoned?", "Who did he meet?", "Who did the envoy Ivo Tamm meet?"},
		{"Why did Marten criticise the Estmarkian envoy?", "Who did he meet?", ""},
	} {
		if got := withAskedPerson(tt.q, []Turn{{Question: tt.last, Answer: "…"}}); got != tt.want {
			t.Errorf("%q after %q = %q, want %q", tt.q, tt.last, got, tt.want)
		}
	}
}

// panickingSearcher fails as a bug would.
type panickingSearcher struct{}

func (panickingSearcher) Search(context.Context, string, retrieval.SearchOptions) ([]retrieval.Result, error) {
	var m map[string]int
	m["x"]++
	return nil, nil
}

// TestAskRecovers: a bug that panics while answering is an internal error
// for that question, not a crash of the chat session or the bot.
func TestAskRecovers(t *testing.T) {
	_, err := New(panickingSearcher{}, Options{}).AskWith(context.Background(), "Who died?", nil)
	if errs.Code(err) != errs.Internal || !strings.Contains(err.Error(), "Who died?") {
		t.Fatalf("err = %v, want an internal error naming the question", err)
	}
}

// TestWhenAfterWhoWasDone: "When?" after "Who was summoned?" asks when the
// one the answer named was summoned, whatever context "Who was summoned?"
// leaned on; after a question who someone is, it does not.
func TestWhenAfterWhoWasDone(t *testing.T) {
	h := []Turn{
		{Question: "Why did Estmark cancel the Halden events?", Answer: "Estmark cancelled them, citing bias. [1]"},
		{Question: "Who was summoned?", Answer: "Later that day, Halden also summoned Estmark's ambassador Ivo Tamm in a retaliatory move. [1]"},
	}
	for q, want := range map[string]string{
		"When?":      "When was Ivo Tamm summoned?",
		"and where?": "Where was Ivo Tamm summoned?",
		"Why?":       "Why was Ivo Tamm summoned?",
	} {
		if got := ofAnswered(q, h); got != want {
			t.Errorf("%s after who was summoned: %q, want %q", q, got, want)
		}
	}
	h[1].Question = "Who was the ambassador?"
	if got := ofAnswered("When?", h); got != "" {
		t.Errorf("When? after who was the ambassador: %q, want it left to the context", got)
	}
}

// TestAndXAfterWhenSaid: "And Peskov?" after "What did Zakharova say about
// X?" and "When did she say that?" (or "Who said that?") asks what Peskov
// said about X: "that" was her words, which are no topic of his.
func TestAndXAfterWhenSaid(t *testing.T) {
	h := []Turn{
		{Question: "What did Ivo Tamm say about the summit?", Answer: "“It was a pity,” Ivo Tamm said. [1]"},
		{Question: "When did he say that?", Answer: "The article gives no date for these words. [1]"},
	}
	if got, want := continuedWith("And Lena Varga?", h), "What did Lena Varga say about the summit?"; got != want {
		t.Errorf("And Lena Varga? = %q, want %q", got, want)
	}
	// So does "Who said that?" in between: "And Halden?" is what Halden
	// said about it.
	h = []Turn{
		{Question: "What did Estmark say about the raid?", Answer: "Estmark denied the claims, the ministry said. [1]"},
		{Question: "Who said that?", Answer: "The words are those of the ministry. [1]"},
	}
	if got, want := continuedWith("And Halden?", h), "What did Halden say about the raid?"; got != want {
		t.Errorf("And Halden? after who said that = %q, want %q", got, want)
	}
}
