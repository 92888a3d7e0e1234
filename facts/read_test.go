package facts

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/corpus"
)

// doc makes a one-paragraph document published on pub (a day).
func doc(id, pub, body string) corpus.Document {
	return corpus.Document{ID: id, Published: pub, PublishedPrecision: "day", Body: body}
}

// kinds returns the facts of kind k.
func kinds(fs []Fact, k Kind) []Fact {
	var out []Fact
	for _, f := range fs {
		if f.Kind == k {
			out = append(out, f)
		}
	}
	return out
}

// TestRelativeDatesFollowThePublicationDateAndTense pins the two errors
// the issue reported: "December last year" in an October 2025 article is
// December 2024, and "will take part … on Friday" in an article of
// Thursday 9 October is the coming Friday, 10 October.
func TestRelativeDatesFollowThePublicationDateAndTense(t *testing.T) {
	tests := []struct{ pub, text, expr, want string }{
		{"2025-10-09", "The airliner was shot down in December last year near the border.", "December last year", "2024-12"},
		{"2025-10-09", "The airliner was shot down on December 25 last year near the border.", "December 25 last year", "2024-12-25"},
		{"2025-10-09", "The president will take part in the summit on Friday in the capital.", "Friday", "2025-10-10"},
		{"2025-10-09", "The two presidents met on Friday in the capital, officials said.", "Friday", "2025-10-03"},
		// The tense is the weekday's own clause's: the future of what was
		// announced does not make the announcement's day a coming one.
		{"2025-10-10", "The president announced Thursday that the state will pay compensation.", "Thursday", "2025-10-09"},
		{"2025-10-10", "The minister, who will attend the summit, met the envoy on Tuesday in the capital.", "Tuesday", "2025-10-07"},
		{"2025-10-09", "On Friday, the president will open the summit in the capital.", "Friday", "2025-10-10"},
		{"2025-10-09", "Officials said that the talks will take place on Friday in the capital.", "Friday", "2025-10-10"},
		// A verb no list knows ("said", "plans") still makes a sentence,
		// not a headline's infinitive to come.
		{"2025-12-22", "On Sunday, the spokesman said that the president plans to hold separate meetings on the sidelines.", "Sunday", "2025-12-21"},
		{"2025-10-09", "Talks were held late last month in the capital of the country.", "late last month", "2025-09-21/2025-09-30"},
		{"2025-10-09", "The ministry said this week that the talks had been cancelled.", "this week", "2025-10-06/2025-10-12"},
		// A day without its year, far ahead and in no future tense, is
		// last year's; in the future tense it stays ahead.
		{"2025-10-15", "The meeting marks a handshake after the December 25th horror in the air.", "December 25th", "2024-12-25"},
		{"2025-10-15", "The ministers will meet again on December 25 in the capital.", "December 25", "2025-12-25"},
	}
	for _, tt := range tests {
		ds := kinds(Read(doc("d", tt.pub, tt.text)), KindDate)
		if len(ds) != 1 || ds[0].Text != tt.expr || ds[0].Date.Value != tt.want {
			t.Errorf("%q published %s: got %+v, want %q = %s", tt.text, tt.pub, ds, tt.expr, tt.want)
		}
	}
}

// TestSpeakerIsNotTheAccused: the source of an attribution is who speaks,
// never the agent named after "allegedly by".
func TestSpeakerIsNotTheAccused(t *testing.T) {
	tests := []struct{ text, want string }{
		{"They had been tortured to death, allegedly by the local police, and their relatives were outraged.", ""},
		{"The national prosecutor's office said the two men had been tortured by the local police.", "national prosecutor's office"},
		{"According to the foreign ministry, the embassy was closed on Monday.", "foreign ministry"},
		{"\"We will not accept this,\" said the deputy foreign minister.", "deputy foreign minister"},
		{"The opposition leader was accused by prosecutors of fraud.", ""},
		{"Officials in the capital have accused the neighbouring government of a cover-up.", "Officials in the capital"},
		{"Leading officials were quick to accuse the police of murder.", ""},
	}
	for _, tt := range tests {
		sp := kinds(Read(doc("d", "2025-07-01", tt.text)), KindSpeech)
		got := ""
		if len(sp) > 0 {
			got = sp[0].Speech.Speaker
		}
		if !strings.Contains(got, tt.want) || (tt.want == "" && got != "") {
			t.Errorf("%q: speaker %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestDescribedAsNamesItsSource: "described as" is a cue, and in "a
// decision the mayor's office has described as …" the source is the noun
// phrase the determiner opens, not "a decision".
func TestDescribedAsNamesItsSource(t *testing.T) {
	body := "The city closed the old market last week — a decision the mayor's office has described as “temporary.”"
	sp := kinds(Read(doc("d", "2025-07-01", body)), KindSpeech)
	if len(sp) != 1 || sp[0].Speech.Speaker != "mayor's office" || sp[0].Speech.Cue != "described" {
		t.Fatalf("speech %+v, want the mayor's office, cued by described", sp)
	}
}

// TestWhatItCalledIsItsWordsAlone: "what it called X" gives the words X
// of the sentence's subject; a fact of X is theirs, while the rest of the
// sentence stays the article's.
func TestWhatItCalledIsItsWordsAlone(t *testing.T) {
	body := "Halden's Prosecutor General's Office on Tuesday launched an investigation into what it called the murder of two miners, after autopsies showed they died of severe injuries."
	fs := Read(doc("d", "2025-07-02", body))
	sp := kinds(fs, KindSpeech)
	if len(sp) != 1 || sp[0].Speech.Speaker != "Halden's Prosecutor General's Office" || sp[0].Speech.Content != "the murder of two miners" {
		t.Fatalf("speech %+v, want the office's words \"the murder of two miners\"", sp)
	}
	for _, f := range fs {
		switch {
		case f.Kind == KindQuantity && f.Source != "Halden's Prosecutor General's Office":
			t.Errorf("count %q: source %q, want the office", f.Text, f.Source)
		case f.Kind == KindCause && f.Source != "":
			t.Errorf("cause %q: source %q, want the article's own", f.Text, f.Source)
		}
	}
	if len(kinds(fs, KindCause)) == 0 || len(kinds(fs, KindQuantity)) == 0 {
		t.Errorf("facts %+v: want a count and a cause", fs)
	}
}

// TestANamesClaimIsItsWords: "X's claim that …" gives X's words, as "X
// claimed that …" does; the speaker of a later pronoun is not X, whose
// words were only told of.
func TestANamesClaimIsItsWords(t *testing.T) {
	body := "The ministry's spokesman said the ban was lawful, rejecting Mikhail Ostrov’s claim that it would “impoverish the arts.” It noted that he had praised the festival."
	sp := kinds(Read(doc("d", "2025-07-01", body)), KindSpeech)
	if len(sp) != 3 || sp[1].Speech.Speaker != "Mikhail Ostrov" || sp[1].Speech.Cue != "claim" || !strings.HasPrefix(sp[1].Speech.Content, "it would") {
		t.Fatalf("speech %+v, want Mikhail Ostrov's claim second", sp)
	}
	if sp[2].Speech.Speaker != "ministry's spokesman" {
		t.Errorf("the pronoun's source is %q, want the spokesman", sp[2].Speech.Speaker)
	}
}

// TestPronounTakesTheLastSource: "he said" in the next sentence of a
// paragraph is the last named source.
func TestPronounTakesTheLastSource(t *testing.T) {
	body := "The regional governor told reporters that the road was closed. It would reopen on Monday, he said."
	sp := kinds(Read(doc("d", "2025-07-01", body)), KindSpeech)
	if len(sp) != 2 || sp[1].Speech.Speaker != "regional governor" {
		t.Fatalf("speech %+v, want the governor twice", sp)
	}
}

// TestQuantitiesKnowWhatTheyCount checks values, bounds and counted nouns.
func TestQuantitiesKnowWhatTheyCount(t *testing.T) {
	tests := []struct {
		text, value, counted string
		low, high            float64
	}{
		{"Police detained more than 50 people in the raid on Friday morning.", "50", "person", 51, -1},
		{"The crash killed 38 civilians on board the plane that day.", "38", "civilian", 38, 38},
		{"Police detained dozens of migrants at the border on Monday.", "dozens", "migrant", 24, 99},
		{"Two Azerbaijani brothers died in custody after the raid.", "2", "brother", 2, 2},
		{"Officers detained 50 in the operation, the ministry said.", "50", "person", 50, 50},
		{"The plane crashed, killing 38 of the 67 people on board, officials said.", "38", "person", 38, 38},
		{"Forty-two miners were trapped underground for a week.", "42", "miner", 42, 42},
		{"A total of 13 individuals were detained in the operation.", "13", "person", 13, 13},
		{"The downing of the plane killed 38 passengers and crew.", "38", "passengers", 38, 38},
		{"Police detained 12 women and their children at the camp.", "12", "women", 12, 12},
		{"Seven workers were injured when the roof fell.", "7", "workers", 7, 7},
		// A nation's adjective is no noun: the gangs are counted, and
		// "suspected" after them is a verb.
		{"Police arrested members of two Ostrian organized gangs suspected of smuggling.", "2", "gangs", 2, 2},
		// After "other" a participle describes the noun that follows.
		{"Prosecutors charged six other detained Valdorian nationals in the case.", "6", "nationals", 6, 6},
		// An irregular past tense after the noun is its verb.
		{"The two men met in Halden on Monday.", "2", "men", 2, 2},
		// "such" stands before the noun it counts.
		{"We were tracking three such drones over the border.", "3", "drones", 3, 3},
		// A name that ends a clause does not name the number after it
		// ("Flight 8243" does).
		{"According to Halden, nine people were detained in the raid.", "9", "person", 9, 9},
		// A plural noun's verb is no part of it.
		{"The raid left five Valdorian nationals dead in Dalby.", "5", "nationals", 5, 5},
		{"It is estimated that 160,000 students attend these schools.", "160000", "students", 160000, 160000},
		// Letters in capitals are a name's, not a function word: the
		// specialists are counted.
		{"Police also detained several Ostrian IT specialists in Dalby.", "several", "specialists", 3, 9},
		// A name in "-ed" is no verb: the drones are counted.
		{"The army launched five Shahed attack drones on the depot overnight.", "5", "drones", 5, 5},
		// A half with a multiplier is a count, hyphen or not.
		{"A census listed a half-million ethnic Ostrians living in Halden.", "500000", "person", 500000, 500000},
		{"Half a million people left Halden that year.", "500000", "person", 500000, 500000},
	}
	for _, tt := range tests {
		// A length of time ("for a week") is no count.
		qs := slices.DeleteFunc(kinds(Read(doc("d", "2025-07-01", tt.text)), KindQuantity), func(f Fact) bool { return TimeUnit(f.Quantity.Unit) })
		if len(qs) != 1 {
			t.Errorf("%q: %d counts %+v, want 1", tt.text, len(qs), qs)
			continue
		}
		q := qs[0].Quantity
		if q.Value != tt.value || q.Counted != facts(tt.counted) || q.Low != tt.low || q.High != tt.high {
			t.Errorf("%q: got %+v, want %s %s [%g, %g]", tt.text, *q, tt.value, tt.counted, tt.low, tt.high)
		}
		// Every counted noun here but three is of people, whichever way Key folds
		// it ("passengers" is "pasenh", "women" "vomen").
		if want := tt.counted != "miner" && tt.counted != "gangs" && tt.counted != "drones"; q.Person != want {
			t.Errorf("%q: Person %v, want %v", tt.text, q.Person, want)
		}
	}
}

// TestAnEventNounCountsItsPeople: "a total of six arrests" counts the
// people arrested, as "38 fatalities" counts the dead; "two attacks"
// counts no people.
func TestAnEventNounCountsItsPeople(t *testing.T) {
	for text, person := range map[string]bool{
		"The committee reported a total of six arrests in Dalby.": true,
		"The crash resulted in 38 fatalities near Kessel.":        true,
		"Two attacks hit the port of Dalby overnight.":            false,
	} {
		qs := kinds(Read(doc("d", "2025-07-01", text)), KindQuantity)
		if len(qs) != 1 || qs[0].Quantity.Person != person {
			t.Errorf("%q: counts %+v, want one whose Person is %v", text, qs, person)
		}
	}
}

// TestTwiceCountsTimes: "twice tried to land" counts times, as "tried
// three times" does; "twice as many" is a ratio and "think twice" care.
func TestTwiceCountsTimes(t *testing.T) {
	qs := kinds(Read(doc("d", "2025-07-01", "The crew twice tried to land the plane in Dalby.")), KindQuantity)
	if len(qs) != 1 || qs[0].Quantity.Value != "2" || qs[0].Quantity.Counted != Key("times") || qs[0].Event.Trigger != Key("land") {
		t.Errorf("twice: got %+v, want 2 times of landing", qs)
	}
	for _, text := range []string{"Twice as many people came to Dalby this year.", "Those who disrupt the talks should think twice before acting."} {
		if qs := kinds(Read(doc("d", "2025-07-01", text)), KindQuantity); len(qs) != 0 {
			t.Errorf("%q: counts %+v, want none", text, qs)
		}
	}
}

// TestAnAdverbIsNoCountedNoun: "one reportedly a tourist" counts no
// reporters, though "reportedly" keys as "reporter" does.
func TestAnAdverbIsNoCountedNoun(t *testing.T) {
	for _, f := range kinds(Read(doc("d", "2025-07-01", "Police detained several men, one reportedly a tourist, in Dalby.")), KindQuantity) {
		if f.Quantity.Counted == Key("reporter") {
			t.Errorf("%q counts %q", f.Text, f.Quantity.Counted)
		}
	}
}

// TestAgesAreNotCounts: a number set off after a name, "aged", or
// "-year-old" is an age (Unit "age"); it counts no one, and a number
// after a name that is not set off ("Flight 8243") is still no count.
func TestAgesAreNotCounts(t *testing.T) {
	tests := []struct {
		text string
		ages []string
	}{
		{"The miners, Ivo Marten, 41, and Pavel Marten, 38, were detained on Monday.", []string{"41", "38"}},
		{"The court named the defendant as Ola Brandt (62) on Tuesday.", []string{"62"}},
		{"A 29-year-old courier was held at the border crossing.", []string{"29"}},
		{"The victim, aged 54, worked as a cook in the town.", []string{"54"}},
		{"Flight 8243, with 67 people on board, crashed near the coast.", nil},
	}
	for _, tt := range tests {
		var ages []string
		for _, f := range kinds(Read(doc("d", "2025-07-01", tt.text)), KindQuantity) {
			if f.Quantity.Unit == UnitAge {
				ages = append(ages, f.Quantity.Value)
				if f.Quantity.Counted != "" || f.Quantity.Person {
					t.Errorf("%q: age %s counts %q", tt.text, f.Text, f.Quantity.Counted)
				}
			}
		}
		if !slices.Equal(ages, tt.ages) {
			t.Errorf("%q: ages %v, want %v", tt.text, ages, tt.ages)
		}
	}
}

// TestAgesDisagreeOnlyOfOnePersonAtOneTime: an age is of the person named
// beside it; two articles written days apart that give one person
// different ages disagree, while ages of two people, or of one person
// years apart, do not.
func TestAgesDisagreeOnlyOfOnePersonAtOneTime(t *testing.T) {
	owners := func(d corpus.Document) (out []string) {
		for _, f := range kinds(Read(d), KindQuantity) {
			out = append(out, f.Quantity.Value+"→"+f.Quantity.Of)
		}
		return out
	}
	a := doc("a", "2025-07-02", "The miners, Ivo Marten, 41, and Pavel Marten, 38, were detained on Monday.")
	if got, want := owners(a), []string{"41→ivo marten", "38→pavel marten"}; !slices.Equal(got, want) {
		t.Errorf("ages and whose: %q, want %q", got, want)
	}
	if got, want := owners(doc("c", "2025-07-02", "The 41-year-old Ivo Marten ran a cafe.")), []string{"41→ivo marten"}; !slices.Equal(got, want) {
		t.Errorf("ages and whose: %q, want %q", got, want)
	}
	b := doc("b", "2025-07-06", "Police detained two brothers, Ivo Marten (40) and Pavel Marten (38), in a raid.")
	later := doc("l", "2027-07-06", "Ivo Marten, 43, was released on Monday.")
	ages := func(docs ...corpus.Document) []string {
		var fs []Fact
		for _, d := range docs {
			fs = append(fs, Read(d)...)
		}
		var out []string
		for _, d := range Disagreements(fs) {
			if d.Attribute == AttrAge {
				out = append(out, d.Counted+": "+d.Claims[0].Value+" / "+d.Claims[1].Value)
			}
		}
		return out
	}
	if got, want := ages(a, b), []string{"ivo marten: 41 / 40"}; !slices.Equal(got, want) {
		t.Errorf("age disagreements %q, want %q", got, want)
	}
	if got := ages(a, later); len(got) != 0 {
		t.Errorf("ages two years apart disagree: %q", got)
	}
}

// facts folds a counted noun as the reader does ("person" stays itself).
func facts(w string) string {
	if w == "person" {
		return w
	}
	return Key(w)
}

// TestInformationIsNoSpeaker: "according to preliminary information"
// attributes to no one; "according to the ministry" does.
func TestInformationIsNoSpeaker(t *testing.T) {
	fs := Read(doc("d", "2025-07-01", "According to preliminary information, one of the men died of heart failure. According to the ministry, the other died of his injuries."))
	cs := kinds(fs, KindCause)
	if len(cs) != 2 || cs[0].Source != "" || cs[1].Source != "ministry" {
		t.Errorf("causes and their sources %+v", cs)
	}
	// "according to preliminary reports" names no one either; "Halden
	// media reports" name whose they are, and "reports" is no word of
	// theirs.
	fs = Read(doc("d", "2025-07-01", "According to preliminary reports, one of the men died of heart failure. According to Halden media reports, the other died of his injuries."))
	cs = kinds(fs, KindCause)
	if len(cs) != 2 || cs[0].Source != "" || cs[1].Source != "Halden media" {
		t.Errorf("causes and their sources %+v", cs)
	}
	if sp := kinds(fs, KindSpeech); len(sp) != 1 || sp[0].Speech.Content != "the other died of his injuries" {
		t.Errorf("speech %+v, want Halden media's words without \"reports\"", sp)
	}
}

// TestCausesAndTheirSources reads a cause of death with its source.
func TestCausesAndTheirSources(t *testing.T) {
	body := "An autopsy carried out in the capital concluded that the men died of \"blunt force trauma,\" according to the report. " +
		"The police claimed one of the men died from a heart attack."
	cs := kinds(Read(doc("d", "2025-07-01", body)), KindCause)
	if len(cs) != 2 || cs[0].Cause.Cause != "blunt force trauma" || cs[1].Cause.Cause != "a heart attack" || cs[1].Source != "police" {
		t.Fatalf("causes %+v", cs)
	}
	// Each clause's cause is its own speaker's.
	body = "Doctors in the capital said the prisoner died of a head injury, while the warden said he died of heart failure."
	cs = kinds(Read(doc("d", "2025-07-01", body)), KindCause)
	if len(cs) != 2 || cs[0].Source != "Doctors in the capital" || cs[1].Source != "warden" {
		t.Fatalf("causes of a contrast %+v", cs)
	}
	// A participle before the source governs it; a cause still being
	// looked for is none.
	body = "Autopsies found broken ribs, contradicting Estmarkian claims that the men died of heart failure. " +
		"The cause of the second death is reportedly still under investigation. " +
		"According to the officials, the other's cause of death is still being determined. " +
		"The cause of death was not immediately known."
	cs = kinds(Read(doc("d", "2025-07-01", body)), KindCause)
	if len(cs) != 1 || cs[0].Cause.Cause != "heart failure" || cs[0].Source != "Estmarkian" {
		t.Fatalf("causes %+v, want heart failure from the Estmarkian side only", cs)
	}
	// "citing" whose words a report passes on gives no reason; citing a
	// matter does.
	body = "Halden opened a case into the killing of two miners, Halden News reports, citing local media. " +
		"The ministry opened a case into the killing of two miners, citing preliminary data. " +
		"Estmark recalled its envoy from Halden, citing the killing of two miners."
	cs = kinds(Read(doc("d", "2025-07-01", body)), KindCause)
	if len(cs) != 1 || cs[0].Cause.Cause != "the killing of two miners" {
		t.Fatalf("causes %+v, want only the killing, as the reason for the recall", cs)
	}
}

// TestDisagreementsNeedTheSameEvent: the issue's made-up disagreements are
// not made, and a real one is.
func TestDisagreementsNeedTheSameEvent(t *testing.T) {
	read := func(docs ...corpus.Document) []Fact {
		var out []Fact
		for _, d := range docs {
			out = append(out, Read(d)...)
		}
		return out
	}
	tests := []struct {
		name string
		docs []corpus.Document
		want int
	}{
		{"airliner's dead against the brothers", []corpus.Document{
			doc("a", "2025-07-01", "In December 2024 a missile shot down a passenger plane over the mountains, killing 38 people."),
			doc("b", "2025-07-01", "Two brothers died in police custody in the city on 27 June 2025."),
		}, 0},
		{"staff detained at an office against a raid elsewhere", []corpus.Document{
			doc("a", "2025-07-01", "Police detained two employees at the agency's office in Baku on 30 June 2025."),
			doc("b", "2025-07-01", "Police detained 50 people in Yekaterinburg on 27 June 2025."),
		}, 0},
		{"dozens and more than 50 can both be true", []corpus.Document{
			doc("a", "2025-07-01", "Police in Yekaterinburg detained dozens of people on 27 June 2025."),
			doc("b", "2025-07-01", "Police in Yekaterinburg detained more than 50 people on 27 June 2025."),
		}, 0},
		{"several against dozens is how loosely each counts (seen on real articles)", []corpus.Document{
			doc("a", "2025-07-01", "Police in Yekaterinburg detained several people on 27 June 2025."),
			doc("b", "2025-07-01", "Police in Yekaterinburg detained dozens of people on 27 June 2025."),
		}, 0},
		{"nine against more than 50 detained in one raid", []corpus.Document{
			doc("a", "2025-07-01", "Police in Yekaterinburg detained nine people on 27 June 2025."),
			doc("b", "2025-07-01", "Police in Yekaterinburg detained more than 50 people on 27 June 2025."),
		}, 1},
		{"one article restating two values is not two sources", []corpus.Document{
			doc("a", "2025-07-01", "Police in Yekaterinburg detained nine people on 27 June 2025. Police in Yekaterinburg detained more than 50 people on 27 June 2025."),
		}, 0},
		// A third article that gives both counts, of people however it
		// names them, counts two sets: so may the other two.
		{"an article that gives both counts (seen on an unseen article)", []corpus.Document{
			doc("a", "2025-07-01", "Police detained seven employees at the agency's office in Baku on 30 June 2025."),
			doc("b", "2025-07-01", "Police detained two employees at the agency's office in Baku on 30 June 2025."),
			doc("c", "2025-07-01", "Seven employees of the agency were detained in Baku on 30 June 2025. Two people have been arrested in Baku on 30 June 2025."),
		}, 0},
		{"editors are staff: an article that gives three journalists as two editors and one journalist counts two sets (seen on an unseen article)", []corpus.Document{
			doc("a", "2025-07-01", "Police raided the agency's Dalby office and detained two employees on 30 June 2025."),
			doc("b", "2025-07-01", "The ministry summoned the ambassador after the detention of three journalists in Dalby. The detained individuals include two senior editors from the agency and one journalist from another outlet, all of whom were taken into custody on 30 June 2025."),
		}, 0},
		{"a pronoun 'one' is no count (seen on real articles)", []corpus.Document{
			doc("a", "2025-07-01", "Police in Baku detained seven people after the raid on the agency's office on 30 June 2025."),
			doc("b", "2025-07-01", "Police in Baku detained one of its editors after the raid on the agency's office on 30 June 2025. The agency said one was detained in Baku on 30 June 2025."),
		}, 0},
		{"held for trial against taken in (seen on real articles)", []corpus.Document{
			doc("a", "2025-07-01", "A court in Ostrava has jailed seven people pending trial on charges of murder targeting traders between 2001 and 2011."),
			doc("b", "2025-07-01", "On 27 June, police carried out mass detentions of around 50 traders in Ostrava, reportedly in connection with a killing committed in 2001."),
		}, 0},
		{"placed in pre-trial detention against detained in the raid", []corpus.Document{
			doc("a", "2025-07-01", "Police in Ostrava detained more than 50 traders on 27 June 2025."),
			doc("b", "2025-07-01", "Six traders were placed in pre-trial detention in Ostrava on 27 June 2025."),
		}, 0},
		{"the year of one downing", []corpus.Document{
			doc("a", "2025-07-01", "In December 2023, an Azerbaijan Airlines plane was shot down by a missile."),
			doc("b", "2025-07-01", "In December 2024, air defences shot down an Azerbaijan Airlines flight."),
		}, 1},
	}
	for _, tt := range tests {
		ds := Disagreements(read(tt.docs...))
		if len(ds) != tt.want {
			t.Errorf("%s: %d disagreements %+v, want %d", tt.name, len(ds), ds, tt.want)
		}
	}
}

// TestFactsCarryTheirWords: every fact's Text is its sentence's bytes at
// Start:End, and names a passage of the document.
func TestFactsCarryTheirWords(t *testing.T) {
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		ids := map[string]bool{}
		for _, p := range corpus.Chunk(d) {
			ids[p.ID] = true
		}
		for _, f := range Read(d) {
			n++
			if f.Sentence[f.Start:f.End] != f.Text || !ids[f.PassageID] || f.DocID != d.ID {
				t.Fatalf("fact %+v does not carry its words or passage", f)
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d facts in the bundled articles", n)
	}
}

// TestEntitiesAreTypedByShapeAndContext types names by the words around
// them and what the rest of the document says of them, with made-up names.
func TestEntitiesAreTypedByShapeAndContext(t *testing.T) {
	body := "Estmarkian officials met in Norland on Monday. " +
		"Norland and Estmark signed the accord after a long dispute. " +
		"The visit of Norland's Deputy Foreign Minister Lena Varga was called off. " +
		"According to Tomas Berg, a senior fellow at the Harbour Institute, the talks failed. " +
		"Police searched the offices of Radio Estmark in the capital. " +
		"A reporter for Nordwire Estmark filmed the search. " +
		"Berg said the Estmarkians would not back down. " +
		"Nordwire's parent company, Varga Segel, expressed concern. " +
		"The news agency Nordpress reported the search. " +
		"The company, Ivo Tamm said, was closed. " +
		"The Estmark-owned Falcon 190 crashed near Norland. "
	want := map[string]EntityType{
		// A compound that modifies the name ("Estmark-owned") makes no
		// given name of it.
		"Estmark-owned Falcon": Other,
		// A name beside a lower-case noun of an organisation names it.
		"Varga Segel":       Org,
		"Nordpress":         Org,
		"Ivo Tamm":          Person,
		"Norland":           Place,
		"Estmark":           Place,
		"Lena Varga":        Person,
		"Tomas Berg":        Person,
		"Berg":              Person,
		"Radio Estmark":     Org,
		"Nordwire Estmark":  Other,
		"Estmarkians":       Other,
		"Harbour Institute": Org,
	}
	got := map[string]EntityType{}
	for _, f := range kinds(Read(doc("d", "2025-07-01", body)), KindEntity) {
		got[f.Entity.Name] = f.Entity.Type
	}
	for name, typ := range want {
		if got[name] != typ {
			t.Errorf("%q typed %q, want %q (all: %v)", name, got[name], typ, got)
		}
	}
	for name, typ := range got {
		if typ == Person && strings.Contains(name, " and ") {
			t.Errorf("%q is two names, not one person", name)
		}
	}
}

// TestAReportsDateIsNotAnotherClausesEvents: "…, the ministry announced on
// March 9" dates the announcement, not the raid named in the other clause;
// a clause with its own event word keeps it. A date beside a reporting
// word dates the report, not the event it tells, unless the event is the
// speaker's own ("said on March 9 it had summoned").
func TestAReportsDateIsNotAnotherClausesEvents(t *testing.T) {
	checkDatesAndEvents(t, "2025-03-14", []datedCase{
		{"Valdoria cancelled all festivals over the police raid in Ostrava, the ministry announced on March 9.", []string{"March 9→"}},
		{"Police carried out the raid in Ostrava on March 7, the ministry said.", []string{"March 7→raid"}},
		// A date between its subject and a verb that is no event word
		// dates that verb, not an event it takes as an infinitive.
		{"Valdoria on Monday regretted Estmark's decision to cancel the festivals.", []string{"Monday→"}},
		{"Police on Monday arrested two men.", []string{"Monday→" + Key("arrested")}},
		// "The statement issued on …" dates the statement.
		{"The statement issued on March 4 by the Ministry of Foreign Affairs of Ostria regarding insurance payments related to the Halden Airlines aircraft crash, which resulted from a shootdown, is misleading.", []string{"March 4→"}},
		// What a clause is about or after is not what it tells.
		{"On March 8, the two presidents called each other regarding the crash of the ferry.", []string{"March 8→cal"}},
		// A temporal clause after the date has a time of its own.
		{"Relations continued to sour on Tuesday after two miners died in custody in Ostrava.", []string{"Tuesday→"}},
		{"Two miners died in Ostrava on Tuesday after they were detained in a raid.", []string{"Tuesday→die"}},
		{"Police detained the editor on Friday after a raid on the newsroom.", []string{"Friday→detain"}},
		{"Valdoria cancelled all festivals on March 9 over the deaths of two miners.", []string{"March 9→cancel"}},
		// A report's date, before or after its cue.
		{"The ministry said on March 9 that two miners were killed in Ostrava.", []string{"March 9→"}},
		{"The ministry issued a statement on March 9 condemning the killing of two miners.", []string{"March 9→"}},
		{"In a statement on March 9, the ministry condemned the killing of two miners.", []string{"March 9→"}},
		{"Valdoria on Tuesday said two miners were killed on March 7.", []string{"Tuesday→", "March 7→die"}},
		{"Two miners were killed on March 7, the ministry said late on Tuesday.", []string{"March 7→die", "Tuesday→"}},
		// A date opening the sentence before the speaker and its cue.
		{"On Tuesday, Valdoria's foreign ministry said two miners had been killed in Ostrava.", []string{"Tuesday→"}},
		{"On March 7, police detained 50 miners in Ostrava, the ministry said.", []string{"March 7→detain"}},
		{"On March 7, two miners were killed in Ostrava, the ministry said.", []string{"March 7→die"}},
		// The speaker's own act is dated by its report.
		{"The ministry said on March 9 it had summoned the Estmarkian ambassador.", []string{"March 9→sumon"}},
	})
}

// datedCase is a sentence and its dates with their event words, as
// datesAndEvents lists them.
type datedCase struct {
	text string
	want []string
}

// checkDatesAndEvents reads each case's sentence in an article published
// on pub and checks its dates and their event words.
func checkDatesAndEvents(t *testing.T, pub string, cases []datedCase) {
	t.Helper()
	for _, tt := range cases {
		if got := datesAndEvents(doc("d", pub, tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("%q: dates and their events %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestADateInAClauseOfItsOwn: a date in a clause with a predicate of its
// own ("that they were only five years old in 2001") takes no event word
// from outside that clause; an event word inside it still dates.
func TestADateInAClauseOfItsOwn(t *testing.T) {
	checkDatesAndEvents(t, "2025-07-01", []datedCase{
		{"Two miners were later released on the grounds that they were only five years old in 2001.", []string{"2001→"}},
		{"Police detained the editor because he had written about the raid in March.", []string{"March→raid"}},
		{"Police detained the editor in March because he had written about the raid.", []string{"March→detain"}},
	})
}

// TestAParticipleGoesOnAtItsClausesTime: "raided the office on Monday,
// detaining two reporters" dates the detentions too; a participle after
// another date, or none, adds nothing.
func TestAParticipleGoesOnAtItsClausesTime(t *testing.T) {
	also := map[string][]string{}
	body := "Police raided the Halden Post office on Monday, detaining two reporters. " +
		"The court on Tuesday jailed two reporters, whom police had raided the day before, detaining seven staff. " +
		"On Friday the police raided the cafe, and on Saturday, arresting nobody, they left. " +
		"Police raided the docks on Sunday, saying nothing."
	for _, f := range kinds(Read(doc("x", "2025-07-02", body)), KindDate) {
		also[f.Text] = f.Event.Also
	}
	want := map[string][]string{
		"Monday": {"detain"}, "Tuesday": nil, "the day before": {"detain"}, "Friday": nil, "Saturday": nil, "Sunday": nil,
	}
	for text, w := range want {
		if got, ok := also[text]; !ok || !slices.Equal(got, w) {
			t.Errorf("%q: also %q (read: %v), want %q", text, got, ok, w)
		}
	}
}

// TestADateBelongsToTheNearestEvent: the murders' years are not the
// jailing's date; a day before a comma dates the detentions after it.
func TestADateBelongsToTheNearestEvent(t *testing.T) {
	tests := []struct{ text, count, when string }{
		{"A court in Ostrava has jailed seven people pending trial on charges of murder targeting traders between 2001 and 2011.", "seven people", ""},
		{"On 27 June, police carried out mass detentions of around 50 traders in Ostrava, in connection with a killing committed in 2001.", "around 50 traders", "2025-06-27"},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range kinds(Read(doc("d", "2025-07-01", tt.text)), KindQuantity) {
			got = append(got, f.Text+"@"+f.Event.When)
		}
		if want := []string{tt.count + "@" + tt.when}; !slices.Equal(got, want) {
			t.Errorf("%q: counts and their dates %q, want %q", tt.text, got, want)
		}
	}
}

// TestBirthDatesDateALife: "born in 1966" and "(b. 1956)" are birth
// dates, whatever event the sentence also tells.
func TestBirthDatesDateALife(t *testing.T) {
	got := datesAndEvents(doc("d", "2025-07-01", "Lena Varga (b. 1956) and Tomas Berg, born in 1966, were killed in Ostrava on 27 June 2025."))
	if want := []string{"1956→born", "1966→born", "27 June 2025→die"}; !slices.Equal(got, want) {
		t.Errorf("dates and their events %q, want %q", got, want)
	}
	// A birth year is not the date of the sentence's other event.
	qs := kinds(Read(doc("d", "2025-07-01", "Lena Varga, born in 1966, and two other miners were killed in Ostrava.")), KindQuantity)
	if len(qs) != 1 || qs[0].Event.When != "" {
		t.Errorf("the killing of two miners is dated by a birth year: %+v", qs)
	}
}

// TestTermEndIsNoEventDate: "until July 19" in a 1 July article ends a
// term still ahead, so the remand is dated by "on Tuesday"; "remained open
// until this week" ended in the past and dates the closing.
func TestTermEndIsNoEventDate(t *testing.T) {
	fs := kinds(Read(doc("d", "2025-07-01", "A court in Ostrava ruled on Tuesday to remand Lena Varga in custody until July 19.")), KindDate)
	var got []string
	for _, f := range fs {
		got = append(got, f.Text+"→"+f.Event.Trigger+"@"+f.Event.When)
	}
	if want := []string{"Tuesday→jail@2025-07-01", "July 19→until@2025-07-19"}; !slices.Equal(got, want) {
		t.Errorf("dates and their events %q, want %q", got, want)
	}
	fs = kinds(Read(doc("d", "2025-07-01", "The bureau in Ostrava remained open until this week.")), KindDate)
	if len(fs) != 1 || fs[0].Event.Trigger == Until {
		t.Errorf("a past end read as a term still ahead: %+v", fs)
	}
}

// TestContrastClauseIsAnotherEvent: a date in a clause after "but" is not
// the event's of the clause before it.
func TestContrastClauseIsAnotherEvent(t *testing.T) {
	got := datesAndEvents(doc("d", "2025-10-09", "On October 7, Lena Varga called the mayor to congratulate him, but before that, they last spoke in March."))
	if want := []string{"October 7→cal", "March→"}; !slices.Equal(got, want) {
		t.Errorf("dates and their events %q, want %q", got, want)
	}
}

// TestEscalationIsAnEvent: "tensions escalated this month following the
// deaths … in custody" dates the escalation, not a detention.
func TestEscalationIsAnEvent(t *testing.T) {
	fs := kinds(Read(doc("d", "2025-07-09", "Tensions between Estmark and Valdoria escalated sharply this month following the deaths of two miners while in police custody.")), KindDate)
	if len(fs) != 1 || fs[0].Event.Trigger != "escal" {
		t.Errorf("dates %+v, want this month dating the escalation", fs)
	}
}

// TestBirthDatesAreEachTheirOwnLife: two brothers' birth years are two
// lives, not two claims about one; two articles' years for one man are.
func TestBirthDatesAreEachTheirOwnLife(t *testing.T) {
	a := Read(doc("a", "2025-07-02", "Among the victims were the brothers Lena Varga (b. 1956) and Tomas Varga (b. 1970), who died in custody."))
	if ds := Disagreements(a); len(ds) != 0 {
		t.Errorf("one article's two birth years: disagreements %+v", ds)
	}
	b := Read(doc("b", "2025-07-02", "The victim, Lena Varga, born in 1966, ran a small business in Ostrava."))
	ds := Disagreements(append(a, b...))
	if len(ds) != 1 || len(ds[0].Claims) != 2 {
		t.Fatalf("disagreements %+v, want 1956 against 1966 for Lena Varga", ds)
	}
	for _, c := range ds[0].Claims {
		if c.Value != "1956" && c.Value != "1966" {
			t.Errorf("claim %q, want 1956 or 1966", c.Value)
		}
	}
}

func TestNameSidesJoinSpeakersByTheNamesTheyShare(t *testing.T) {
	speakers := []string{
		"Russian authorities",                                    // 0
		"authorities in the South Caucasus country",              // 1: shares only a common word with 0
		"Azerbaijani prosecutors",                                // 2
		"Russia's Investigative Committee",                       // 3: Russia, as 0's demonym
		"Officials",                                              // 4: names no one
		"a post-mortem examination carried out in Azerbaijan",    // 5: Azerbaijan, as 2
		"Investigative Committee spokesperson Svetlana Petrenko", // 6: through 3
		"Officials at the ministry",                              // 7: a sentence start capitalises a common word
		"Moscow",                                                 // 8: Russia's capital, as 0
	}
	got := NameSides(speakers)
	want := []int{0, 1, 2, 0, 4, 2, 0, 7, 0}
	if !slices.Equal(got, want) {
		t.Errorf("NameSides = %v, want %v", got, want)
	}
}

// TestAppositiveSubjectIsTheSource: in "X, the brother of the dead man,
// claimed that …" the source is X with the appositive, not the clause
// after the cue (which a comma before the cue had made read as "…," said
// X); a sentence adverb before the comma is no name; a relative clause
// between commas ("…, where the miners lived, said") describes the source.
func TestAppositiveSubjectIsTheSource(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Ilmar Vesk, the brother of the dead man, claimed that the two were tortured to death.", "Ilmar Vesk, the brother of the dead man"},
		{"In an interview with Lorvan TV, Ilmar Vesk, the brother of the dead man, claimed that both were tortured to death.", "Ilmar Vesk, the brother of the dead man"},
		{"Separately, the ministry said that the man died of a heart attack.", "ministry"},
		// A relative clause set off by commas describes the source.
		{"Ivo Tamm, a spokesman for the police of the Halden region, where the miners lived, said that one man died of a heart attack.", "Ivo Tamm, a spokesman for the police of the Halden region"},
		{"The ministry, which oversees the prisons, said that the man died of a heart attack.", "ministry"},
		// So does a participle clause.
		{"Earlier, Halden spokesman Ivo Tamm, commenting on the deaths in Dalby, said that one man died of a heart attack.", "Halden spokesman Ivo Tamm"},
		{"The ministry, speaking on condition of anonymity, said the man died of a heart attack.", "ministry"},
		// Without "that" too.
		{"Ivo Tamm, a spokesman for the Halden police, said one man died of a heart attack.", "Ivo Tamm, a spokesman for the Halden police"},
	}
	for _, tt := range tests {
		d := corpus.Document{ID: "x", Title: "x", Published: "2025-07-01", PublishedPrecision: "day", Body: tt.text}
		var got []string
		for _, f := range Read(d) {
			if f.Kind == KindCause {
				got = append(got, f.Source)
			}
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%q: cause sources %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSpeakerBeforeTheCueWithAnAppositive: "X, Halden Police's
// spokeswoman, said the arrests were …" is X's speech. The comma before
// the cue had made it read as "…," said X, with the clause after the cue
// ("the arrests were unlawful") as the speaker and the name as the words.
// An appositive may open with a name's possessive, a bare role noun, or a
// noun of a name; names joined by "and" after a preposition are one. A
// cue followed by a clause, a colon or a quotation has no speaker after
// it, and "said to be" has none at all.
func TestSpeakerBeforeTheCueWithAnAppositive(t *testing.T) {
	tests := []struct{ text, speaker, content string }{
		{"Marie Vesk, Halden Police's spokeswoman, said the arrests were unlawful.", "Marie Vesk, Halden Police's spokeswoman", "the arrests were unlawful"},
		{"Marie Vesk, spokeswoman for the Halden police, said the arrests were unlawful.", "Marie Vesk, spokeswoman for the Halden police", "the arrests were unlawful"},
		{"Ivo Tamm, director of the department, said the ministry will respond.", "Ivo Tamm, director of the department", "the ministry will respond"},
		{"Ivo Tamm, head of Estmark's Forensic Bureau, said the men died of injuries.", "Ivo Tamm, head of Estmark's Forensic Bureau", "the men died of injuries"},
		// An outlet that quoted someone as saying relays their words.
		{"\"Both sides should remain the closest partners,\" the Dalby news agency quoted Estmark spokesman Ivo Tamm as saying July 7.", "Estmark spokesman Ivo Tamm", "Both sides should remain the closest partners"},
		{"The agency quoted Lena Varga as saying that talks would resume.", "Lena Varga", "talks would resume"},
		// The head of anything is a role; a first name that opens the
		// sentence and is written nowhere else is a name's, before a
		// surname the article writes elsewhere and a role.
		{"Ivo Tamm, head of forensic examination at Estmark's Health Ministry, said the men died of injuries. Tamm spoke later.",
			"Ivo Tamm, head of forensic examination at Estmark's Health Ministry", "the men died of injuries"},
		{"Adalat Tamm, head of forensic examination at Estmark's Health Ministry, said the men died of injuries. Tamm spoke later.",
			"Adalat Tamm, head of forensic examination at Estmark's Health Ministry", "the men died of injuries"},
		{"Reacting to the reports, Marie Vesk, Lorvan Watch’s Director for Eastern Estmark and Central Valdoria, said: “The authorities must investigate.”",
			"Marie Vesk, Lorvan Watch’s Director for Eastern Estmark and Central Valdoria", "“The authorities must investigate.”"},
		{"The ministry, which oversees the prisons, said the man died of a heart attack.", "ministry", "the man died of a heart attack"},
		// The speaker after the cue still.
		{"\"The arrests are unlawful,\" said Marie Vesk, Halden Police's spokeswoman.", "Marie Vesk", "The arrests are unlawful"},
		{"The arrests, said the spokeswoman, were unlawful.", "spokeswoman", "The arrests"},
		// A capitalised title of a name, with an article, a name ending
		// as a gerund would, and a company's suffix.
		{"Ivo Tamm, Director of the Halden Police, said the arrests were lawful.", "Ivo Tamm, Director of the Halden Police", "the arrests were lawful"},
		{"Lena Varga, President of Scarab Rising, Inc., believes the meeting represents a recalibration.", "Lena Varga, President of Scarab Rising", "the meeting represents a recalibration"},
		// A name set off after the noun phrase of a role is the source;
		// whom words were told to is no content.
		{"One detainee, Ivo Tamm, told journalists that he was beaten.", "Ivo Tamm", "he was beaten"},
		{"His lawyer, Lena Varga, said the arrests were unlawful.", "Lena Varga", "the arrests were unlawful"},
		// Cues in the present, and those PARC counts beyond "said".
		{"Lena Varga emphasizes that both leaders chose pragmatism.", "Lena Varga", "both leaders chose pragmatism"},
		{"Ivo Tamm, who oversees the agency, later clarified that the editor had been moved.", "Ivo Tamm", "the editor had been moved"},
		// A quotation before the speaker is the content, not the words
		// after the cue.
		{"“The editor has been released and has flown home,” Marie Vesk stated to a news agency on Sunday.", "Marie Vesk", "The editor has been released and has flown home"},
		{"\"They were struck with a blunt object\", Ivo Tamm told reporters.", "Ivo Tamm", "They were struck with a blunt object"},
		// The article of a speaker after the quotation is no content.
		{"“The deaths were a crime,” the expert said on Monday.", "expert", "The deaths were a crime"},
		{"\"The court rules to detain him,\" the judge stated, reading out the verdict.", "judge", "The court rules to detain him"},
		// A participle of speech after the main clause has its subject.
		{"Halden deputy Ola Brandt has floated the idea of a trade ban, claiming that Halden would not lose anything.", "Halden deputy Ola Brandt", "Halden would not lose anything"},
		// The subject after a short opening phrase and before an adverb,
		// and the name an appositive gives it.
		{"During the talks, Ivo Tamm formally apologized for the crash, stating that Halden would pay compensation.", "Ivo Tamm", "Halden would pay compensation"},
		{"The union's parent body, Halden Miners Federation, expressed concern over the arrests, stating that lawyers were denied access.", "Halden Miners Federation", "lawyers were denied access"},
		// A naming participle is its clause's subject's; an adverb of the
		// verb ("also") is no part of a subject.
		{"Marie Vesk has demanded an apology, while Ivo Tamm has offered condolences, calling the event a “tragic incident.”", "Ivo Tamm", "the event a “tragic incident.”"},
		{"Ivo Tamm also addressed the arrests, saying that the ministry is monitoring the cases.", "Ivo Tamm", "the ministry is monitoring the cases"},
		// What someone called a thing in quotation marks is their words,
		// the quotation's end theirs; an aside between the subject and
		// the cue is skipped.
		{"Ivo Tamm called these reports “journalistic guesses” and left the briefing.", "Ivo Tamm", "these reports “journalistic guesses”"},
		{"Marie Vesk, in turn, called the crash a “shared tragedy,” citing the storm.", "Marie Vesk", "the crash a “shared tragedy,”"},
		// "what it called": the sentence's subject names it, without a
		// date that follows the subject.
		{"The Halden ministry summoned the envoy on Saturday to protest what it called the brutal killing of two miners.", "Halden ministry", "the brutal killing of two miners"},
		{"Halden's Prosecutor General's Office on Tuesday launched an investigation into what it called the murder of two miners.", "Halden's Prosecutor General's Office", "the murder of two miners"},
		// No speaker.
		{"Three men were hospitalised, with one, Kamal Vesk, said to be in intensive care.", "", ""},
		// A subject after an opening participle is not looked for: no
		// one's words, precision first.
		{"Reacting to the claim, Halden closed the office over what it called his biased opinions.", "", ""},
		// A participle whose subject does not open the sentence, or is no
		// one who speaks, is read as no one's words: precision first.
		{"On Monday, police raided the office, saying that it was unlicensed.", "", ""},
		{"The raid left two people dead, claiming that nothing was found.", "", ""},
		// A complaint is words.
		{"The leaders in Halden want a name for themselves at Dalby's expense, Radio Dalby FM complains.", "Radio Dalby FM", "The leaders in Halden want a name for themselves at Dalby's expense"},
		{"The Estmark consulate complained that it had not been granted access to the men.", "Estmark consulate", "it had not been granted access to the men"},
		// A call, and a quoted name, are no one's words.
		{"Ivo Tamm called Marie Vesk on Saturday to discuss the “tragic incident.”", "", ""},
		{"An organisation called the “Centre for Culture” was founded in Halden.", "", ""},
		// "Calling for" asks for something; it names nothing.
		{"The Halden government reiterated its demand, calling for accountability for those responsible.", "", ""},
	}
	for _, tt := range tests {
		var got []Speech
		for _, f := range kinds(Read(doc("x", "2025-07-01", tt.text)), KindSpeech) {
			got = append(got, *f.Speech)
		}
		if tt.speaker == "" {
			if len(got) != 0 {
				t.Errorf("%q: speech %+v, want none", tt.text, got)
			}
			continue
		}
		// A stance expressed before the words ("expressed concern …,
		// stating that …") is words of its own.
		if !slices.ContainsFunc(got, func(sp Speech) bool { return sp.Speaker == tt.speaker && sp.Content == tt.content }) {
			t.Errorf("%q: speech %+v, want %q saying %q", tt.text, got, tt.speaker, tt.content)
		}
	}
}

// TestReportsAsANoun: "reports" before a word of content is a noun ("the
// post-mortem reports indicate …", "claims of torture"), not a cue whose
// speaker is "post-mortem"; a name's reports speak for it ("Estmarkian
// police reports indicate …"), and "…, local media reports" relays.
func TestReportsAsANoun(t *testing.T) {
	speakers := func(text string) []string {
		var out []string
		for _, f := range kinds(Read(doc("x", "2025-07-01", text)), KindSpeech) {
			out = append(out, f.Speech.Speaker)
		}
		return out
	}
	for text, want := range map[string][]string{
		"Officials in Halden said post-mortem reports indicate that the miners were beaten to death.": {"Officials in Halden"},
		"Claims of torture emerged on Monday.":                                                        nil,
		"In contrast, Estmarkian police reports indicate one miner suffered a heart attack.":          {"Estmarkian police"},
		"Two men were detained, local media reports.":                                                 {"local media"},
		// After a colon a capital starts the clause and names no one.
		"Halden accused Estmark of brutality: Forensic reports indicate that the miners were beaten to death.": {"Halden"},
	} {
		if got := speakers(text); !slices.Equal(got, want) {
			t.Errorf("%q: speakers %q, want %q", text, got, want)
		}
	}
}

// TestACountCountsTheEventItIsTheSubjectOf: "a total of nine individuals
// were detained" counts detentions, though "the raid" stands nearer
// before it; a count with no verb of its own takes the nearest event.
func TestACountCountsTheEventItIsTheSubjectOf(t *testing.T) {
	got := map[string]string{}
	for _, f := range kinds(Read(doc("x", "2025-07-01", "Several other people were injured in the raid and a total of nine individuals were detained. Thirty-eight people died in the crash.")), KindQuantity) {
		got[f.Text] = f.Event.Trigger
	}
	want := map[string]string{"Several other people": Key("injured"), "nine individuals": Key("detained"), "Thirty-eight people": Key("died")}
	for text, trig := range want {
		if got[text] != trig {
			t.Errorf("%q counts %q, want %q", text, got[text], trig)
		}
	}
}

// TestADatedClauseLendsNoTrigger: a date whose clause tells no event word
// ("held … earlier this year") does not take the event word of another
// clause that has its own date ("a statement released on Sunday"): that
// word is its own date's event.
func TestADatedClauseLendsNoTrigger(t *testing.T) {
	got := datesAndEvents(doc("d", "2025-10-20", "A reporter who had been held in Estmark earlier this year has now been freed and is on his way home, according to a statement released on Sunday by the ministry."))
	if want := []string{"earlier this year→", "Sunday→releas"}; !slices.Equal(got, want) {
		t.Errorf("dates and their events %q, want %q", got, want)
	}
}

// TestAPossessiveDateIsItsNounsEvent: "Thursday's meeting" dates the
// meeting, not the decision the clause tells, so that another article's
// "met on October 10" is set against it.
func TestAPossessiveDateIsItsNounsEvent(t *testing.T) {
	a := doc("a", "2025-10-10", "Ivo Marten said the decision to release him was made ahead of Thursday's meeting between Ostrian President Ola Brandt and Halden President Lena Varga.")
	if got, want := datesAndEvents(a), []string{"Thursday→" + Key("met")}; !slices.Equal(got, want) {
		t.Errorf("dates and their events %q, want %q", got, want)
	}
	b := doc("b", "2025-11-15", "Ostrian President Ola Brandt and Halden President Lena Varga met on October 10 in Dalby.")
	if ds := Disagreements(append(Read(a), Read(b)...)); len(ds) != 1 || ds[0].Attribute != AttrDate {
		t.Errorf("disagreements %+v, want the meeting's date", ds)
	}
}

// TestEventWordsMatchAsKeyFoldsThem: the event words are matched on their
// keys, which fold spellings ("charged" is "charh"); a list of stems
// written by hand had missed a third of them.
func TestEventWordsMatchAsKeyFoldsThem(t *testing.T) {
	for _, w := range []string{"detained", "arrested", "charged", "summoned", "attacked", "wounded",
		"investigated", "damaged", "agreed", "seized", "autopsy", "resigned", "appointed", "negotiated",
		"interrogated", "occupied", "talks", "hospitalised", "released", "crashed", "died"} {
		if !IsTrigger(Key(w)) {
			t.Errorf("%q (key %q) is no event word", w, Key(w))
		}
	}
	if IsTrigger(Key("signs")) {
		t.Errorf("%q is an event word: it is the noun of 'showed signs of beatings'", "signs")
	}
	dates := kinds(Read(doc("d", "2025-07-02", "Estmark summoned the Valdorian ambassador on Monday over the arrests.")), KindDate)
	if len(dates) != 1 || dates[0].Event.Trigger != Key("summoned") {
		t.Errorf("the summons' date: %+v, want it dated to the summons", dates)
	}
}

// TestCountsOfTwoNationsDisagreeOnNothing: "30 Ostrian citizens" and "8
// Valdorian citizens" killed in one crash count two groups, however the
// nation is written ("were citizens of Valdoria"); a count is what its
// predicate names ("37 were citizens").
func TestCountsOfTwoNationsDisagreeOnNothing(t *testing.T) {
	a := doc("a", "2025-07-01", "The crash near Dalby killed 30 Ostrian citizens.")
	b := doc("b", "2025-07-01", "The crash near Dalby killed 8 Valdorian citizens.")
	c := doc("c", "2025-07-01", "Of those killed in the crash near Dalby, 8 were citizens of Valdoria.")
	if ds := Disagreements(append(append(Read(a), Read(b)...), Read(c)...)); len(ds) != 0 {
		t.Errorf("counts of two nations set against each other: %+v", ds)
	}
	qs := kinds(Read(c), KindQuantity)
	if len(qs) != 1 || qs[0].Quantity.Counted != Key("citizens") || !qs[0].Quantity.Person || qs[0].Quantity.Of != Key("valdoria") {
		t.Errorf("quantities %+v, want 8 citizens of Valdoria", qs)
	}
}

// TestFurtherCountsAreNoTotals: "15 more Valdorians" counts people (the
// noun after "more"), as a count of further ones that adds to another
// count: it is set against no total.
func TestFurtherCountsAreNoTotals(t *testing.T) {
	a := doc("a", "2025-07-01", "Police in Halden detained about 15 more Valdorians on Tuesday on suspicion of drug trafficking.")
	qs := kinds(Read(a), KindQuantity)
	if len(qs) != 1 || qs[0].Quantity.Counted != "person" || !qs[0].Quantity.Person || qs[0].Quantity.Unit != UnitMore {
		t.Fatalf("quantities %+v, want one further count of people", qs)
	}
	b := doc("b", "2025-07-01", "Police in Halden detained 22 Valdorians on Tuesday on suspicion of drug trafficking.")
	if ds := Disagreements(append(Read(a), Read(b)...)); len(ds) != 0 {
		t.Errorf("a further count set against a total: %+v", ds)
	}
}

// TestOthersCountTheNounBefore: "two people died and three others were
// injured" counts three more people, of the injury.
func TestOthersCountTheNounBefore(t *testing.T) {
	qs := kinds(Read(doc("a", "2025-07-01", "Two miners died in the raid in Halden, and three others were seriously injured.")), KindQuantity)
	if len(qs) != 2 || qs[1].Quantity.Counted != "miner" || qs[1].Quantity.Unit != UnitMore || qs[1].Event.Trigger != "injur" {
		t.Errorf("quantities %+v, want three more miners, injured", qs)
	}
}

// TestPartsOfAGroupCountItsNoun: "four of them" counts the noun of the
// count before it, "two of its editors" the noun after; a part is set
// against no other count, as two parts of one group may be different
// parts.
func TestPartsOfAGroupCountItsNoun(t *testing.T) {
	tests := []struct {
		text string
		want []string // value counted unit
	}{
		{"Police said six Valdorian miners — four of them from Halden — were detained.", []string{"6 miner ", "4 miner part"}},
		{"Two of its editors were detained on Monday.", []string{"2 staff part"}}, // editors are staff, as journalists are
		{"Police detained 50 people, nine of whom were later released.", []string{"50 person ", "9 person part"}},
		// No count before the pronoun: nothing to count.
		{"Two of them were detained on Monday.", nil},
		// "38 of the 67 people" is a count taken from a total.
		{"The crash killed 38 of the 67 people on board.", []string{"38 person "}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range kinds(Read(doc("d", "2025-07-01", tt.text)), KindQuantity) {
			got = append(got, f.Quantity.Value+" "+f.Quantity.Counted+" "+f.Quantity.Unit)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: counts %q, want %q", tt.text, got, tt.want)
		}
	}
	a := doc("a", "2025-07-01", "Police in Halden detained 20 miners, four of whom were hospitalised.")
	b := doc("b", "2025-07-01", "Police in Halden detained 20 miners, two of whom were hospitalised.")
	if ds := Disagreements(append(Read(a), Read(b)...)); len(ds) != 0 {
		t.Errorf("two parts of a group set against each other: %+v", ds)
	}
}

// TestTimesOfDay: a time the words pin down is read with its clause's
// event ("at about 03:00", "3 pm", "5:00 a.m.", "noon", "six o'clock in
// the morning"); a bare number or
// a score is not; two articles that time one event differently disagree,
// and "5:00" without am or pm fits "5 pm".
func TestTimesOfDay(t *testing.T) {
	tests := []struct {
		text string
		want []string // value/low/high/twelve→trigger
	}{
		{"On June 27 at about 03:00 (GMT +4) Ola Brandt was detained in Halden.", []string{"03:00/150/210/false→detain"}},
		{"Ola Brandt died at 3 pm on the same day.", []string{"15:00/885/915/false→die"}},
		{"Police raided the cafe at 5:00 a.m. and again at 5:30.", []string{"05:00/285/315/false→raid", "05:30/330/330/true→raid"}},
		{"The ministers met at noon in Halden.", []string{"12:00/705/735/false→met"}},
		{"The match ended 2:1 and 5 people were detained.", nil},
		// A figure or word with "o'clock" or a part of the day.
		{"Police, simultaneously, at six o'clock in the morning, raided ten apartments in Halden.", []string{"06:00/345/375/false→raid"}},
		{"The miners were detained at 10 at night and released at two in the afternoon.", []string{"22:00/1305/1335/false→detain", "14:00/825/855/false→releas"}},
		{"Ola Brandt was detained at five o'clock.", []string{"05:00/285/315/true→detain"}},
		{"Only one in the evening group was detained.", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range kinds(Read(doc("d", "2025-07-01", tt.text)), KindTime) {
			c := f.Clock
			got = append(got, fmt.Sprintf("%s/%d/%d/%v→%s", c.Value, c.Low, c.High, c.Twelve, f.Event.Trigger))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: times %q, want %q", tt.text, got, tt.want)
		}
	}
	times := func(bodies ...string) (out []string) {
		var fs []Fact
		for i, b := range bodies {
			fs = append(fs, Read(doc(fmt.Sprint(i), "2025-07-01", b))...)
		}
		for _, d := range Disagreements(fs) {
			if d.Attribute == AttrTime {
				out = append(out, d.Claims[0].Value+" / "+d.Claims[1].Value)
			}
		}
		return out
	}
	if got, want := times("The activist Ola Brandt died at about 03:00 on June 27 in Halden.", "The activist Ola Brandt died at about 3 pm on June 27 in Halden."), []string{"about 03:00 / about 3 pm"}; !slices.Equal(got, want) {
		t.Errorf("time disagreements %q, want %q", got, want)
	}
	// A murder and a killing of one man are one moment.
	if got, want := times("The activist Ola Brandt was killed at about 03:00 on June 27 in Halden.", "The activist Ola Brandt was murdered at about 3 pm in Halden."), []string{"about 03:00 / about 3 pm"}; !slices.Equal(got, want) {
		t.Errorf("time disagreements %q, want %q", got, want)
	}
	if got := times("The activist Ola Brandt died at 5:00 on June 27 in Halden.", "The activist Ola Brandt died at 5 pm on June 27 in Halden."); len(got) != 0 {
		t.Errorf("5:00 set against 5 pm: %q", got)
	}
}

// TestMannersOfDeath: causes are filed under the manner forensic practice
// uses; injuries with a fall are an accident, and a heart attack after a
// beating settles nothing.
func TestMannersOfDeath(t *testing.T) {
	for cause, want := range map[string]string{
		"heart failure": MannerNatural, "a cardiac arrest": MannerNatural, "natural causes": MannerNatural,
		"beaten to death": MannerViolence, "post-traumatic shock": MannerViolence, "blunt force trauma": MannerViolence,
		"severe injuries sustained in custody": MannerViolence, "injuries from a fall": MannerAccident,
		"drowning": MannerAccident, "suicide": MannerSuicide, "a heart attack after a beating": "", "unknown reasons": "",
		"heart failure resulting in death": MannerNatural, "a natural death": MannerNatural,
	} {
		if got := Manner(cause); got != want {
			t.Errorf("Manner(%q) = %q, want %q", cause, got, want)
		}
	}
}

// TestAccountGroupsJoinOneSideOrOneManner: accounts of one named side, or
// of one manner, are one group; a natural cause and an injury stay apart
// across sides, and a group is named when a speaker of it names a side.
func TestAccountGroupsJoinOneSideOrOneManner(t *testing.T) {
	speakers := [][]string{
		{"Estmarkian police"},           // 0: heart attack
		{"Estmark's interior ministry"}, // 1: overdose: Estmark's, as 0
		{"doctors in Dalby"},            // 2: beaten to death
		{"a post-mortem"},               // 3: post-traumatic shock: the manner of 2
		{},                              // 4: no cause's manner, no speaker
	}
	causes := [][]string{{"a heart attack"}, {"an overdose"}, {"beaten to death"}, {"post-traumatic shock"}, {"unknown reasons"}}
	group, named := AccountGroups(speakers, causes)
	if want := []int{0, 0, 2, 2, 4}; !slices.Equal(group, want) {
		t.Errorf("groups %v, want %v", group, want)
	}
	if want := []bool{true, true, true, true, false}; !slices.Equal(named, want) {
		t.Errorf("named %v, want %v", named, want)
	}
}

// datesAndEvents lists the dates Read finds in d, each as its words and
// its event word: "October 7→cal".
func datesAndEvents(d corpus.Document) []string {
	var out []string
	for _, f := range kinds(Read(d), KindDate) {
		out = append(out, f.Text+"→"+f.Event.Trigger)
	}
	return out
}

// TestAbbreviations reads the abbreviations a sentence defines, in either
// order, matching the short form's letters in the long form's words; a
// parenthesis that defines nothing gives none.
func TestAbbreviations(t *testing.T) {
	tests := []struct {
		text string
		want []Abbrev
	}{
		{"The plane of Azerbaijan Airlines (AZAL) crashed near Aktau.", []Abbrev{{"AZAL", "Azerbaijan Airlines"}}},
		// FSB's letters are the Russian name's: as many capitalised
		// words, the first with its first letter, stand for it.
		{"Officers of the Federal Security Service (FSB) and the Collective Security Treaty Organization (CSTO) met.",
			[]Abbrev{{"FSB", "Federal Security Service"}, {"CSTO", "Collective Security Treaty Organization"}}},
		{"Two were FSB (Russian Federal Security Service) agents.", []Abbrev{{"FSB", "Federal Security Service"}}},
		{"He met the Main Intelligence Directorate (HUR) chief.", nil},
		{"A statement by AZAL (Azerbaijan Airlines) followed.", []Abbrev{{"AZAL", "Azerbaijan Airlines"}}},
		{"The jet of the Azerbaijan  Airlines (AZAL) crashed.", []Abbrev{{"AZAL", "Azerbaijan  Airlines"}}},
		{"BAKU, Azerbaijan (AP) — Seven people were detained.", nil},
		{"The two men (both Azerbaijani citizens) died in custody.", nil},
	}
	for _, tt := range tests {
		var got []Abbrev
		for _, f := range kinds(Read(doc("a", "2025-07-02", tt.text)), KindAbbrev) {
			got = append(got, *f.Abbrev)
			if f.Text != f.Sentence[f.Start:f.End] || !strings.HasPrefix(f.Text, f.Abbrev.Long) && !strings.HasPrefix(f.Text, f.Abbrev.Short) || !strings.HasSuffix(f.Text, ")") {
				t.Errorf("%q: text %q is not the definition's words", tt.text, f.Text)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: abbreviations %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestOnlyInLaterClause: the death in "soured on Tuesday after two miners
// died" is in a clause of its own, after the date, and so is a passive
// "after the union leader was arrested"; in "died on Tuesday" it is not.
func TestOnlyInLaterClause(t *testing.T) {
	s := "Relations soured on Tuesday after two miners died in custody."
	if !OnlyInLaterClause(s, strings.Index(s, "Tuesday"), Key("died")) {
		t.Errorf("%q: the death is not read as in a later clause", s)
	}
	s = "Two miners died in custody on Tuesday, after a raid."
	if OnlyInLaterClause(s, strings.Index(s, "Tuesday"), Key("died")) {
		t.Errorf("%q: the death is read as in a later clause", s)
	}
	// A clause whose verb is passive opens with its auxiliary: the
	// Tuesday is the souring's, not the arrest's.
	s = "On Tuesday, relations soured after the union leader was arrested."
	if !OnlyInLaterClause(s, strings.Index(s, "Tuesday"), Key("arrested")) {
		t.Errorf("%q: the arrest is not read as in a later clause", s)
	}
	for _, f := range kinds(Read(doc("x", "2025-03-14", s)), KindDate) {
		if f.Event.Trigger != "" {
			t.Errorf("%q: %q dates %q, want no event of its own", s, f.Text, f.Event.Trigger)
		}
	}
}

// TestHeOpeningAParagraphIsTheLastSpeaker: "He said …" opening a paragraph
// speaks for the previous paragraph's last speaker, not for an outlet that
// only relayed words ("…, Halden News reports"); "They" is not carried.
func TestHeOpeningAParagraphIsTheLastSpeaker(t *testing.T) {
	speakers := func(body string) []string {
		var out []string
		for _, f := range kinds(Read(doc("x", "2025-07-01", body)), KindSpeech) {
			out = append(out, f.Speech.Speaker)
		}
		return out
	}
	tests := []struct {
		body string
		want []string
	}{
		{"Ivo Tamm said the port would reopen.\n\nHe said the strikes would end in May.", []string{"Ivo Tamm", "Ivo Tamm"}},
		{"Ivo Tamm said the port would reopen, Halden News reports.\n\nHe said the strikes would end in May.", []string{"Ivo Tamm", "Halden News", "Ivo Tamm"}},
		{"The port reopened on Monday, Halden News reports.\n\nHe said the strikes would end in May.", []string{"Halden News"}},
		{"Ivo Tamm said the port would reopen.\n\nThey said the strikes would end in May.", []string{"Ivo Tamm"}},
	}
	for _, tt := range tests {
		if got := speakers(tt.body); !slices.Equal(got, tt.want) {
			t.Errorf("%q: speakers %q, want %q", tt.body, got, tt.want)
		}
	}
}

// TestACitationDatesNoEvent: a parenthesis that cites a source by name and
// date, closing its clause, gives the source's date: no event's date,
// count or participant. A place and date inside the clause still date it.
func TestACitationDatesNoEvent(t *testing.T) {
	for _, tt := range []struct {
		text  string
		dates []string
	}{
		{"At the end of June, mass arrests in Ostrava left two people dead (Halden Radio–Valdorian Service, July 3).", []string{"2025-06-21/2025-06-30"}},
		{"Relations have worsened over the past months (see HRM, July 7, 22).", nil},
		{"The leaders met in Ostrava (Valdoria, June 30) to sign the treaty.", []string{"2025-06-30"}},
	} {
		var dates []string
		fs := Read(doc("d", "2025-09-15", tt.text))
		for _, f := range kinds(fs, KindDate) {
			dates = append(dates, f.Date.Value)
		}
		if !slices.Equal(dates, tt.dates) {
			t.Errorf("%q: dates %v, want %v", tt.text, dates, tt.dates)
		}
		for _, f := range fs {
			if slices.ContainsFunc(f.Event.Participants, func(p string) bool { return strings.Contains(p, "halden") }) {
				t.Errorf("%q: %s %q has the cited source among its participants %v", tt.text, f.Kind, f.Text, f.Event.Participants)
			}
			if f.Kind == KindQuantity && f.Quantity.Value == "22" {
				t.Errorf("%q: the cited date's 22 is a count", tt.text)
			}
		}
	}
}

// TestTheExpertIsTheOneNamed: "the expert said" refers back to the
// article's one named speaker so far; with two named, to neither.
func TestTheExpertIsTheOneNamed(t *testing.T) {
	one := "Russia views Halden as an ally, Ivo Marten told the agency.\n\n\"Neither side has left the treaty,\" the expert said."
	sp := kinds(Read(doc("d", "2025-07-02", one)), KindSpeech)
	if len(sp) != 2 || sp[0].Speech.Speaker != "Ivo Marten" || sp[1].Speech.Speaker != "Ivo Marten" {
		t.Errorf("speech %+v, want the expert to be Ivo Marten", sp)
	}
	two := "Russia views Halden as an ally, Ivo Marten told the agency. Lena Varga said the treaty was dead.\n\n\"Neither side has left the treaty,\" the expert said."
	sp = kinds(Read(doc("d", "2025-07-02", two)), KindSpeech)
	if len(sp) == 0 || sp[len(sp)-1].Speech.Speaker != "expert" {
		t.Errorf("speech %+v, want the expert left unnamed among two named speakers", sp)
	}
	// One speaker named in full and then by his last word is one; "the
	// political scientist" is a describer with its field.
	again := "Relations have cooled, said Estmarkian political scientist Ivo Marten.\n\n\"It is a trend,\" Marten noted.\n\nAccording to the political scientist, the president responded strongly because he feels confident."
	sp = kinds(Read(doc("d", "2025-07-02", again)), KindSpeech)
	if len(sp) != 3 || sp[2].Speech.Speaker != "Estmarkian political scientist Ivo Marten" {
		t.Errorf("speech %+v, want the political scientist to be Ivo Marten", sp)
	}
}

// TestALoanWordIsNoEventWord: "chargé d'affaires" is no charge: a word in
// lower case with a marked letter is no English event word.
func TestALoanWordIsNoEventWord(t *testing.T) {
	ds := kinds(Read(doc("d", "2025-07-02", "The ministry summoned Valdoria's chargé d'affaires on Monday in Halden.")), KindDate)
	if len(ds) != 1 || ds[0].Event.Trigger != Key("summoned") {
		t.Errorf("dates %+v, want Monday's to date the summons", ds)
	}
	if !eventWord(Words("charged")[0]) || eventWord(Words("chargé")[0]) {
		t.Error("want charged an event word and chargé not")
	}
}

// TestACueOpeningAQuotation: a quotation that opens with a word of speech
// ("\"Claims related to …") has no source before its cue; it had made the
// reader index before the sentence's first word and panic (found by a new
// user whose article crashed ingest).
func TestACueOpeningAQuotation(t *testing.T) {
	for _, body := range []string{
		"\"Claims related to the injuries of 46 passengers have been fully settled.\"",
		"“Said the minister: we are done.”",
	} {
		if sp := kinds(Read(doc("d", "2025-09-04", body)), KindSpeech); len(sp) != 0 {
			t.Errorf("%q: speech %+v, want none", body, sp)
		}
	}
}

// TestProseCutShortIsRead: a long run of mostly lower-case words without
// an end is prose cut short (an excerpt's last sentence) and is read;
// headings and captions are not.
func TestProseCutShortIsRead(t *testing.T) {
	for s, want := range map[string]bool{
		"Police in Halden on Friday killed two Estmarkian miners - 60-year-old Ivo Tamm and 55-year-old Lena Varga -": true,
		"Police in Halden detained the union leader on Monday.":                                                       true,
		"The 2023 Ferry Disaster and Its Fallout for Halden and Estmark Relations in the Northern Basin Region":       false,
		"Photo: Halden police officers at the scene":                                                                  false,
		"Who was detained in Halden on Monday?":                                                                       false,
	} {
		if got := IsProse(s); got != want {
			t.Errorf("IsProse(%q) = %v, want %v", s, got, want)
		}
	}
	fs := Read(doc("x", "2025-07-01", "Talks stalled in the port city for a week. Police in Halden on Friday killed two Estmarkian miners - 60-year-old Ivo Tamm and 55-year-old Lena Varga -"))
	if ages := kinds(fs, KindQuantity); !slices.ContainsFunc(ages, func(f Fact) bool { return f.Quantity.Unit == UnitAge && f.Quantity.Of == Key("ivo")+" "+Key("tamm") }) {
		t.Errorf("quantities %+v, want Ivo Tamm's age", ages)
	}
}

// TestADurationJoinedToItsUnit: "a 3-month term" and "3-months of house
// arrest" are durations; "a 59-year-old" is an age, and "the 2-1 vote"
// no count.
func TestADurationJoinedToItsUnit(t *testing.T) {
	fs := Read(doc("x", "2025-07-01", "The court replaced his detention with 3-months of house arrest on Friday. "+
		"She faces a 2-year term, the lawyer said. A 59-year-old man was held in Halden. The 2-1 vote passed."))
	var got []string
	for _, f := range kinds(fs, KindQuantity) {
		got = append(got, f.Text+"|"+f.Quantity.Value+"|"+f.Quantity.Unit)
	}
	want := []string{"3-months|3|month", "2-year|2|year", "59-year-old|59|" + UnitAge}
	if !slices.Equal(got, want) {
		t.Errorf("quantities %q, want %q", got, want)
	}
	// One unit after "for" is a length of time; "a month ago" is a date.
	fs = Read(doc("x", "2025-07-01", "The miners have been held in Halden for exactly a month on unfounded charges. He left Dalby a month ago."))
	got = nil
	for _, f := range kinds(fs, KindQuantity) {
		got = append(got, f.Text+"|"+f.Quantity.Value+"|"+f.Quantity.Unit)
	}
	want = []string{"exactly a month|1|month"}
	if !slices.Equal(got, want) {
		t.Errorf("quantities %q, want %q", got, want)
	}
}

// TestListedDatesShareTheirEvent: "in 2001, 2010, and 2011" dates one
// event three times; the commas had left the later years with none.
func TestListedDatesShareTheirEvent(t *testing.T) {
	got := datesAndEvents(doc("d", "2025-07-01", "Investigators say the suspects were involved in several murders in Dalby in 2001, 2010, and 2011."))
	m := Key("murder")
	if want := []string{"2001→" + m, "2010→" + m, "2011→" + m}; !slices.Equal(got, want) {
		t.Errorf("dates and their events %q, want %q", got, want)
	}
	// A clause of its own between two dates is no list.
	got = datesAndEvents(doc("d", "2025-07-01", "He was detained in 2001, and released in 2010."))
	if want := []string{"2001→" + Key("detained"), "2010→" + Key("released")}; !slices.Equal(got, want) {
		t.Errorf("dates and their events %q, want %q", got, want)
	}
}

// TestAReasonSetApartIsItsMainClauses: a reason phrase set apart by a comma
// ("…, citing alleged bias", "Citing expired permits, …") is the reason
// for the event its sentence tells outside it, not for an event word inside
// it ("during the raids"), and a phrase of time ends it. Citing a name is
// citing a source.
func TestAReasonSetApartIsItsMainClauses(t *testing.T) {
	body := "Estmark also cancelled a planned visit by its deputy prime minister, as well as cancelling all Halden-linked events, citing alleged bias by Halden police during the raids. " +
		"Citing expired permits and alleged violations of media law, police detained two reporters. " +
		"Police searched the office on suspicion of illegal financing. " +
		"The two leaders will meet in Dalby, according to the state agency, citing the Kremlin."
	cs := kinds(Read(doc("d", "2025-07-01", body)), KindCause)
	var got []string
	for _, c := range cs {
		got = append(got, c.Cause.Effect+": "+c.Cause.Cause)
	}
	want := []string{
		Key("cancel") + ": alleged bias by Halden police",
		Key("detained") + ": expired permits and alleged violations of media law",
		Key("searched") + ": illegal financing",
	}
	if !slices.Equal(got, want) {
		t.Errorf("causes %q, want %q", got, want)
	}
	// Grounds and motives are no causes of death.
	body = "Estmark called them extrajudicial killings by Halden police based on their ethnicity."
	if cs := kinds(Read(doc("d", "2025-07-01", body)), KindCause); len(cs) != 0 {
		t.Errorf("causes %+v of killings based on ethnicity, want none", cs)
	}
}

// TestRangesAndCompoundCounts: the first end of a range counts what the
// other does ("150,000 to 160,000 students"), except where a multiplier
// the first lacks would read it wrong ("between 2 and 3 million people");
// "a 53-page report" counts pages.
func TestRangesAndCompoundCounts(t *testing.T) {
	body := "It is estimated that 150,000 to 160,000 students attend these schools. " +
		"The diaspora numbers between 2 and 3 million people. " +
		"The 53-page preliminary report was released on Monday."
	var got []string
	for _, f := range kinds(Read(doc("d", "2025-07-01", body)), KindQuantity) {
		got = append(got, f.Text+"="+f.Quantity.Value+" "+f.Quantity.Counted)
	}
	want := []string{
		"150,000=150000 " + Key("students"), "160,000 students=160000 " + Key("students"),
		"2=2 ", "3 million people=3000000 person",
		"53-page=53 " + Key("page"),
	}
	if !slices.Equal(got, want) {
		t.Errorf("counts %q, want %q", got, want)
	}
}

// TestADateThatOpensAReportedClause: "reported that on Sunday, a court
// remanded …" and "Recall that on July 1, … were arrested" date the
// clause the date opens; the date's own clause holds only "that".
func TestADateThatOpensAReportedClause(t *testing.T) {
	got := datesAndEvents(doc("d", "2025-06-30", "The agency reported that on Sunday, a Dalby court remanded Ivo Tamm into custody. "+
		"Recall that on June 24, the miners detained the previous day were arrested in Marsk. "+
		"Police raided the office on Monday, and the ministry said so."))
	want := []string{"Sunday→" + Key("remanded"), "June 24→" + Key("arrested"), "the previous day→" + Key("detained"), "Monday→" + Key("raided")}
	if !slices.Equal(got, want) {
		t.Errorf("dates and their events %q, want %q", got, want)
	}
}

// TestADateBetweenTheSpeakerAndTheVerb: "Ivo Tamm on Monday said …" and
// "The ministry on July 1 accused …" are their speakers' words (a date
// between subject and verb had hidden them), and "the ministry" is the
// one the article named before ("The Foreign Ministry in Dalby").
func TestADateBetweenTheSpeakerAndTheVerb(t *testing.T) {
	body := "Ivo Tamm on Monday said the talks had failed. " +
		"The Foreign Ministry in Dalby said on June 30 that the detentions were unlawful. " +
		"The ministry on July 1 accused Halden of taking unfriendly actions."
	var got []string
	for _, f := range kinds(Read(doc("d", "2025-07-02", body)), KindSpeech) {
		got = append(got, f.Speech.Speaker+": "+f.Speech.Cue)
	}
	want := []string{"Ivo Tamm: said", "Foreign Ministry in Dalby: said", "Foreign Ministry in Dalby: accused"}
	if !slices.Equal(got, want) {
		t.Errorf("speech %q, want %q", got, want)
	}
}

// TestAMonthToCome: a month named alone in a sentence of what is to come
// is the coming one ("will be completed by December" in a February
// article); in one of the past it is the last, and so it is in a clause of
// the past that reports a future ("Later in December, the minister said
// Halden will pay"). A headline's infinitive with no finite verb is to
// come too ("Final report … to be released by December"), but not one
// after a verb in the past ("The minister agreed to pay compensation in
// December").
func TestAMonthToCome(t *testing.T) {
	var got []string
	for _, f := range kinds(Read(doc("d", "2025-02-19", "The final report will be completed by December. The talks were held in December. Later in December, the minister said Halden will pay. Final report on the plane crash investigation to be released by December\n\nThe report is awaited.\n\nThe country's president to visit the neighbouring capital for talks in October\n\nThe visit is awaited. The minister agreed to pay compensation in December.")), KindDate) {
		got = append(got, f.Text+"="+f.Date.Value)
	}
	if want := []string{"December=2025-12", "December=2024-12", "December=2024-12", "December=2025-12", "October=2025-10", "December=2024-12"}; !slices.Equal(got, want) {
		t.Errorf("dates %q, want %q", got, want)
	}
}

// TestAYearlessDayTakesTheYearItsArticleGives: "On December 25" in a March
// 2026 article that writes "December 25, 2024" elsewhere is that day, not
// the nearest December 25; with two years given for it, the nearest. A
// month written alone takes the year only for the event it was given to. A
// month named alone in a sentence of no future, further ahead than an
// article may look, is last year's ("crashed … in December" in October).
func TestAYearlessDayTakesTheYearItsArticleGives(t *testing.T) {
	for _, tt := range []struct {
		published, body string
		want            []string
	}{
		{"2026-03-02", "The talks addressed the sinking of the ferry on December 25, 2024. On December 25, the ferry sank near Dalby.",
			[]string{"December 25, 2024=2024-12-25", "December 25=2024-12-25"}},
		{"2026-03-02", "Talks began on December 25, 2024 and resumed on December 25, 2023. On December 25, the ferry sank near Dalby.",
			[]string{"December 25, 2024=2024-12-25", "December 25, 2023=2023-12-25", "December 25=2025-12-25"}},
		// A month written alone takes the year only for the event it was
		// given to: the statements are the last December's.
		{"2026-03-02", "The plane crashed in December 2024. The plane that crashed in December carried 67 people.",
			[]string{"December 2024=2024-12", "December=2024-12"}},
		{"2026-03-02", "The plane crashed in December 2024. Talks were preceded by statements made by the minister in December.",
			[]string{"December 2024=2024-12", "December=2025-12"}},
		{"2025-10-09", "Marten admitted responsibility for the ferry that sank near Dalby in December, the agency reported.",
			[]string{"December=2024-12"}},
		// Ahead, in words of the future, it is still the coming one.
		{"2025-10-09", "The final report will be published in December.", []string{"December=2025-12"}},
		// A term that runs until a day is still running, unless told in
		// the past.
		{"2025-07-16", "The ruling places Brandt in custody until September 14.", []string{"September 14=2025-09-14"}},
		{"2025-07-16", "Brandt was held until September 14.", []string{"September 14=2024-09-14"}},
		// So is a part of a month.
		{"2025-12-29", "In early February, the sign was removed from the building.", []string{"early February=2025-02-01/2025-02-10"}},
		{"2025-02-20", "The review will be completed by late January.", []string{"late January=2026-01-21/2026-01-31"}},
	} {
		var got []string
		for _, f := range kinds(Read(doc("d", tt.published, tt.body)), KindDate) {
			got = append(got, f.Text+"="+f.Date.Value)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: dates %q, want %q", tt.body, got, tt.want)
		}
	}
}

// TestWordsRecalled: "X recalled that …" gives X's words; "Baku recalled
// its ambassador" is an act, no one's words.
func TestWordsRecalled(t *testing.T) {
	got := speeches(Read(doc("d", "2025-07-02", "Ivo Tamm recalled that the two presidents agreed on compensation. Halden recalled its ambassador from Dalby.")))
	if want := []string{"Ivo Tamm: the two presidents agreed on compensation"}; !slices.Equal(got, want) {
		t.Errorf("speech %q, want %q", got, want)
	}
}

// TestHalfTheGroupIsNoCount: "half the passengers" is a share, and "half"
// without a multiplier counts nothing.
func TestHalfTheGroupIsNoCount(t *testing.T) {
	for _, text := range []string{"Half the passengers died in the crash.", "A half of them were released on Monday."} {
		if qs := kinds(Read(doc("d", "2025-07-01", text)), KindQuantity); len(qs) > 0 {
			t.Errorf("%q: counts %+v, want none", text, qs)
		}
	}
}

// TestCountsOfOneStretchOfDaysAreNotOneEvent: "seven people" detained on
// 30 June at an agency's office and "50 individuals" detained in another
// city in late June are two events: a stretch of days that holds the
// other's day ties nothing. Two counts of one day do disagree.
func TestCountsOfOneStretchOfDaysAreNotOneEvent(t *testing.T) {
	office := doc("a", "2025-07-03", "On June 30, the Valdorian authorities detained seven people at Radio Ostria, including its editor Jan Holm.")
	city := doc("b", "2025-07-04", "In late June, police in Kessel detained 50 individuals as part of a murder investigation.")
	sameDay := doc("c", "2025-07-04", "On June 30, the Valdorian authorities detained 12 people, among them Radio Ostria's editor.")
	wantCountDisagreements(t, 0, "seven at an office on 30 June and 50 in a city in late June", office, city)
	wantCountDisagreements(t, 1, "seven and 12 detained on 30 June", office, sameDay)
}

// TestJoinedVerbsCountThoseOfWhomBothHold: "two nationals were arrested
// and later died" counts the dead among the arrested, no count of the
// arrests: it does not disagree with "over 50 people were detained" in
// the same raid.
func TestJoinedVerbsCountThoseOfWhomBothHold(t *testing.T) {
	a := doc("a", "2025-07-01", "The move followed a police operation in Kessel on Friday, during which two Valdorian nationals were arrested and later died in custody.")
	b := doc("b", "2025-06-29", "Over 50 Valdorian nationals were detained in Kessel on Friday.")
	qs := kinds(Read(a), KindQuantity)
	if len(qs) != 1 || !slices.Equal(qs[0].Event.Also, []string{Key("died")}) {
		t.Fatalf("counts %+v, want one of those arrested who also died", qs)
	}
	fs := append(qs, kinds(Read(b), KindQuantity)...)
	if ds := Disagreements(fs); len(ds) != 0 {
		t.Errorf("two arrested who died and over 50 detained: %+v, want no disagreement", ds)
	}
}

// TestWordsInADashedAsideEndWithIt: "… – though Ostria said one had died
// of heart problems – and that …" gives Ostria those words alone; what
// follows the aside goes on with the sentence's own speaker.
func TestWordsInADashedAsideEndWithIt(t *testing.T) {
	fs := kinds(Read(doc("d", "2025-07-02", "Valdoria says post-mortems showed the two men were beaten to death – though Ostria said one of them had died from heart problems – and that authorities in Kessel had opened their own investigation.")), KindSpeech)
	var got []string
	for _, f := range fs {
		got = append(got, f.Speech.Speaker+": "+f.Speech.Content)
	}
	want := []string{
		"Valdoria: post-mortems showed the two men were beaten to death – though Ostria said one of them had died from heart problems – and that authorities in Kessel had opened their own investigation",
		"Ostria: one of them had died from heart problems",
	}
	if !slices.Equal(got, want) {
		t.Errorf("speech %q, want %q", got, want)
	}
}

// TestADescriptionIsTheOneNamedSo: "…," the Valdorian head of state said,
// after "Valdorian President Ola Lund has reiterated …" gives Lund's
// words; "Valdorian diplomats" and a name ("the Valdorian Foreign
// Ministry") describe no one person.
func TestADescriptionIsTheOneNamedSo(t *testing.T) {
	text := `Valdorian President Ola Lund has reiterated to his Ostrian counterpart Ivo Brandt his apologies over the crash. ` +
		`"Back then, in our first phone conversation, I apologized for the tragedy," the Valdorian head of state said. ` +
		`"The talks went well," Valdorian diplomats said. "We regret it," the Valdorian Foreign Ministry said.`
	var got []string
	for _, f := range kinds(Read(doc("d", "2025-10-09", text)), KindSpeech) {
		got = append(got, f.Speech.Speaker)
	}
	want := []string{"Ola Lund", "Valdorian diplomats", "Valdorian Foreign Ministry"}
	if !slices.Equal(got, want) {
		t.Errorf("speakers %q, want %q", got, want)
	}
}

// TestACountryInCommonTiesNoCounts: "38 people" killed in a crash
// France's air defences caused and "two dead Danes" of raids by France
// share a country, not an event; a city in common does tie two counts of
// the dead.
func TestACountryInCommonTiesNoCounts(t *testing.T) {
	crash := doc("a", "2025-10-10", "Officials in France said so. In a rare admission, French President Ola Lund stated on Thursday that France's air defenses were to blame for the December crash of a Danish airliner that killed 38 people.")
	raids := doc("b", "2025-06-30", "Officials in France said so. Ivo Tamm, a brother of the two dead Danes, told the Associated Press the raids were an inhumane, cruel act by France against migrants.")
	city := doc("c", "2025-06-30", "Five people died in Kessel during the raids.")
	city2 := doc("d", "2025-07-01", "Two people died in Kessel during the raids.")
	wantCountDisagreements(t, 0, "38 killed in a crash and two dead Danes of raids", crash, raids)
	wantCountDisagreements(t, 1, "five and two dead in Kessel's raids", city, city2)
	// A country inside an institution's name ties nothing either: "7
	// people" detained, as the Interior Ministry of France reports, and
	// "six people" arrested in Kessel in a story of France's tensions.
	office := Fact{Kind: KindQuantity, DocID: "e", Quantity: &Quantity{Value: "7", Low: 7, High: 7, Counted: "person", Person: true},
		Event: Event{Trigger: "detain", Participants: []string{Key("Interior") + " " + Key("Ministry") + " " + Key("France"), "office"}}}
	arrests := Fact{Kind: KindQuantity, DocID: "f", Quantity: &Quantity{Value: "6", Low: 6, High: 6, Counted: "person", Person: true},
		Event: Event{Trigger: "detain", Participants: []string{Key("France")}, Places: []string{Key("Kessel")}}}
	if !countryKeys()[Key("France")] {
		t.Fatalf("%q is no country's key", Key("France"))
	}
	if ds := Disagreements([]Fact{office, arrests}); len(ds) != 0 {
		t.Errorf("7 detained per France's Interior Ministry and six arrested in Kessel: %+v, want no disagreement", ds)
	}
}

// TestWithXClaimingIsXsWords: "…, with Ostrian authorities claiming one
// died of heart failure" gives the authorities the words and the cause;
// "with" a phrase that names no one speaks for no one.
func TestWithXClaimingIsXsWords(t *testing.T) {
	fs := Read(doc("d", "2025-07-10", "The raids left two Valdorian brothers dead, with Ostrian authorities claiming one died of heart failure. "+
		"The court met twice, with the hearing stressing procedure."))
	got := speeches(fs)
	if want := []string{"Ostrian authorities: one died of heart failure"}; !slices.Equal(got, want) {
		t.Errorf("speech %q, want %q", got, want)
	}
	if cs := kinds(fs, KindCause); len(cs) != 1 || cs[0].Source != "Ostrian authorities" {
		t.Errorf("causes %+v, want heart failure per Ostrian authorities", cs)
	}
}

// TestAConditionDatesNothing: "Even if they committed a crime 20 years
// ago, …" tells nothing to have happened then; "On Friday, police raided
// the office" does, and so does "asked if the raid on Friday was lawful".
func TestAConditionDatesNothing(t *testing.T) {
	fs := kinds(Read(doc("d", "2025-08-27", "Even if they committed a crime 20 years ago, they are still human beings. "+
		"On Friday, police raided the office. Lawyers asked if the raid on Monday was lawful.")), KindDate)
	var got []string
	for _, f := range fs {
		got = append(got, f.Text)
	}
	if want := []string{"Friday", "Monday"}; !slices.Equal(got, want) {
		t.Errorf("dates %q, want %q", got, want)
	}
}

// wantCountDisagreements fails t unless the counts of docs disagree want
// times; what says which counts they are.
func wantCountDisagreements(t *testing.T, want int, what string, docs ...corpus.Document) {
	t.Helper()
	if n := countsDisagreeing(docs...); n != want {
		t.Errorf("%s: %d disagreements, want %d", what, n, want)
	}
}

// countsDisagreeing returns how many disagreements on a count the
// quantities of docs hold.
func countsDisagreeing(docs ...corpus.Document) (n int) {
	var fs []Fact
	for _, d := range docs {
		fs = append(fs, kinds(Read(d), KindQuantity)...)
	}
	for _, d := range Disagreements(fs) {
		if d.Attribute == AttrCount {
			n++
		}
	}
	return n
}

// TestAnAsideBeforeAnAuxiliary: "Brandt, meanwhile, has argued that …"
// is Brandt's words, as "Brandt, meanwhile, argued that …" is; those
// told something, and those who did not say it, speak no words.
func TestAnAsideBeforeAnAuxiliary(t *testing.T) {
	fs := Read(doc("d", "2025-07-10", "Ostrian President Ola Brandt, meanwhile, has argued that the damage was caused by a missile. "+
		"Analysts, however, have said the talks will fail. Officials, however, were told that the border would stay shut. "+
		"Dalby, however, did not say that the border would reopen."))
	got := speeches(fs)
	if want := []string{"Ostrian President Ola Brandt: the damage was caused by a missile", "Analysts: the talks will fail"}; !slices.Equal(got, want) {
		t.Errorf("speech %q, want %q", got, want)
	}
}

// TestLivesClaimedAreDeaths: "claiming the lives of 38 of the 67 on
// board", "claimed 39 lives" and "which claimed 38 victims" count the
// dead, and no one speaks in them; "saved the lives of 20 miners" counts
// no deaths.
func TestLivesClaimedAreDeaths(t *testing.T) {
	fs := Read(doc("d", "2025-07-10", "The ferry sank near Dalby, claiming the lives of 38 of the 67 on board. "+
		"The collision claimed 39 lives. Months have passed since the sinking, which claimed 38 victims. "+
		"Divers saved the lives of 20 miners."))
	var got []string
	for _, f := range kinds(fs, KindQuantity) {
		if f.Quantity.Unit == "" {
			got = append(got, f.Text+"→"+f.Event.Trigger)
		}
	}
	if want := []string{"38 of the 67→die", "39 lives→die", "38 victims→die", "20 miners→"}; !slices.Equal(got, want) {
		t.Errorf("counts %q, want %q", got, want)
	}
	if sp := kinds(fs, KindSpeech); len(sp) != 0 {
		t.Errorf("speech %+v, want none", sp)
	}
}

// TestAYearInANameDatesNothing: "the 2002 Convention" and "the 2001 UN
// resolution" name things; the sentence's event is not of that year. "the
// 2020 war" and "in 2003" still date.
func TestAYearInANameDatesNothing(t *testing.T) {
	fs := kinds(Read(doc("d", "2025-08-27", "Evidence has been collected, and in accordance with the 2002 Convention a request was sent to Halden. "+
		"Under the 2001 UN resolution, a state must repair the damage. The 2020 war ended in November. Marten became president in 2003.")), KindDate)
	var got []string
	for _, f := range fs {
		got = append(got, f.Text)
	}
	if want := []string{"2020", "November", "2003"}; !slices.Equal(got, want) {
		t.Errorf("dates %q, want %q", got, want)
	}
}

// TestAForeignMinistryIdentifiesNoEvent: two summonses whose facts share
// only "foreign ministry" and a country are two events, however their
// other words were read (the facts are those read from a real pair:
// Moscow's summons of Baku's envoy on June 30, Baku's of Moscow's in
// November); a name in common ties them.
func TestAForeignMinistryIdentifiesNoEvent(t *testing.T) {
	date := func(doc, v string, ev Event) Fact {
		d := Date{Value: v, Precision: "day"}
		return Fact{Kind: KindDate, DocID: doc, Text: v, Date: &d, Event: ev}
	}
	nov := Event{Trigger: "sumon", Participants: []string{"azerbaij embas", "foreyhn ministr"}, Places: []string{"baku mihail evdokimov", "kyiv", "rusi"},
		When: "2025-11-14", By: []string{"azerbaij", "foreyhn", "ministr"}, To: []string{"ambasador", "azerbaij", "evdokimov", "mihail", "rusi"}}
	june := Event{Trigger: "sumon", Participants: []string{"foreyhn ministr", "staff"}, Places: []string{"baku", "moscov"}, When: "2025-06-30", To: []string{"azerbaij"}}
	if ds := Disagreements([]Fact{date("a", "2025-11-14", nov), date("b", "2025-06-30", june)}); len(ds) != 0 {
		t.Errorf("two summonses set against each other: %+v", ds)
	}
	nov.Participants = append(nov.Participants, "mihail evdokimov")
	june.Participants = append(june.Participants, "mihail evdokimov")
	if ds := Disagreements([]Fact{date("a", "2025-11-14", nov), date("b", "2025-06-30", june)}); len(ds) != 1 {
		t.Errorf("%d disagreements, want the one summons of Evdokimov dated twice", len(ds))
	}
}

// TestExpressedThatAndSaying: "He expressed that …" and "The ministry
// emphasised that …" give words, as ", saying their detention …" does
// without "that"; and "expressed concern" gives a stance.
func TestExpressedThatAndSaying(t *testing.T) {
	fs := Read(doc("d", "2025-07-10", "Officials sought a deal, according to Ola Brandt. He expressed that the raid stunned Ostria. "+
		"The Ministry of Internal Affairs emphasised that the agency had no licence. "+
		"Director Lena Varga called for the release of the miners, saying their detention risks a crisis. "+
		"Halden expressed concern over the raid."))
	got := speeches(fs)
	// A stance expressed is words too (TestAStanceExpressedIsWords).
	want := []string{"Ola Brandt: Officials sought a deal", "Ola Brandt: the raid stunned Ostria",
		"Ministry of Internal Affairs: the agency had no licence", "Director Lena Varga: their detention risks a crisis",
		"Halden: concern over the raid"}
	if !slices.Equal(got, want) {
		t.Errorf("speech %q, want %q", got, want)
	}
}

// TestAStretchOfYearsIsOneDate: "between 2001 and 2011" and "from 2020
// to 2022" are one stretch each, not two dates; "in 2001 and 2011" are
// two.
func TestAStretchOfYearsIsOneDate(t *testing.T) {
	var got []string
	for _, f := range kinds(Read(doc("d", "2025-07-03", "Police dismantled a group linked to murders between 2001 and 2011. "+
		"The scheme was active from 2020 to 2022. He was held in 2001 and 2011.")), KindDate) {
		got = append(got, f.Date.Value)
	}
	if want := []string{"2001/2011", "2020/2022", "2001", "2011"}; !slices.Equal(got, want) {
		t.Errorf("dates %q, want %q", got, want)
	}
}

// TestTheAgencyIsTheLastInstitutionThatSpoke: "The agency also revealed
// that …" after "According to Ostria's Investigative Committee, …" is the
// committee's words; "Police revealed the plan" is an act, and a name
// inside what reveals ("autopsies … on the brothers Kamal and Ola Varga
// have revealed") does not speak.
func TestTheAgencyIsTheLastInstitutionThatSpoke(t *testing.T) {
	fs := Read(doc("d", "2025-07-10", "According to Ostria's Investigative Committee, the crimes date back two decades. "+
		"The agency also revealed that one of the victims held Valdorian citizenship. Police revealed the plan. "+
		"Fresh autopsies conducted in Dalby on the brothers Kamal and Ola Varga have revealed that both died from beatings."))
	got := speeches(fs)
	want := []string{"Ostria's Investigative Committee: the crimes date back two decades",
		"Ostria's Investigative Committee: one of the victims held Valdorian citizenship"}
	if !slices.Equal(got, want) {
		t.Errorf("speech %q, want %q", got, want)
	}
}

// TestHeAfterTheOnePersonNamed: "He said that …" where no one spoke
// before is the one person the sentence before names, across a heading;
// after a sentence naming two, it is no one's.
func TestHeAfterTheOnePersonNamed(t *testing.T) {
	fs := Read(doc("d", "2025-07-10", "Talks with President Ola Brandt ended. Brandt has been vocal about his anger at the sinking.\n\n"+
		"Initial reactions\n\nHe said that the Ostrian government was hiding the truth.\n\n"+
		"Brandt met Lena Varga in Dalby. He said that the talks went well."))
	got := speeches(fs)
	if want := []string{"Brandt: the Ostrian government was hiding the truth"}; !slices.Equal(got, want) {
		t.Errorf("speech %q, want %q", got, want)
	}
}

// TestWhatItCalledInThePassive: "Brandt was criticized by the Kremlin for
// what it called a tragic incident" is the Kremlin's word, not Brandt's.
func TestWhatItCalledInThePassive(t *testing.T) {
	fs := Read(doc("d", "2025-07-10", "Ola Brandt was criticized by the Kremlin for what it called a 'tragic incident' over Ostria."))
	if sp := kinds(fs, KindSpeech); len(sp) != 1 || sp[0].Speech.Speaker != "Kremlin" {
		t.Errorf("speech %+v, want the Kremlin's", sp)
	}
}

// TestMembersCountWhatTheyBelongTo: "5 crew members" counts crew, as
// "three crew" does; "two Valdorian members" counts members.
func TestMembersCountWhatTheyBelongTo(t *testing.T) {
	var got []string
	for _, f := range kinds(Read(doc("d", "2025-07-10", "There were 62 passengers and 5 crew members on board, and three crew died. Two Valdorian members left.")), KindQuantity) {
		got = append(got, f.Text+"="+f.Quantity.Counted)
	}
	want := []string{"62 passengers=" + Key("passengers"), "5 crew members=" + Key("crew"), "three crew=" + Key("crew"), "Two Valdorian members=" + Key("members")}
	if !slices.Equal(got, want) {
		t.Errorf("counts %q, want %q", got, want)
	}
}

// speeches returns each speech fact of fs as "speaker: content".
func speeches(fs []Fact) []string {
	var got []string
	for _, f := range kinds(fs, KindSpeech) {
		got = append(got, f.Speech.Speaker+": "+f.Speech.Content)
	}
	return got
}

// wantSpeeches fails t unless the speech facts read from body, an article
// published on published, are want, as speeches gives them.
func wantSpeeches(t *testing.T, published, body string, want ...string) {
	t.Helper()
	if got := speeches(Read(doc("d", published, body))); !slices.Equal(got, want) {
		t.Errorf("speech %q, want %q", got, want)
	}
}

// TestADroppedLineReportsNothing: a photo's caption and a readers' appeal,
// which the chunker drops, give no facts, though they lie inside a
// passage's span of the body.
func TestADroppedLineReportsNothing(t *testing.T) {
	fs := Read(doc("d", "2025-07-10", "Police in Halden detained nine miners on Friday.\n\n"+
		"A family plays in front of the cathedral in downtown Halden on June 23, 2025. (AFP Photo)\n\n"+
		"Help us reach 25,000 members by the end of 2025.\n\nThe miners were released on Monday."))
	for _, f := range fs {
		if strings.Contains(f.Sentence, "family") || strings.Contains(f.Sentence, "Help us") {
			t.Errorf("fact %s %q of a dropped line", f.Kind, f.Text)
		}
	}
	if len(kinds(fs, KindDate)) != 2 {
		t.Errorf("dates %+v, want Friday's and Monday's", kinds(fs, KindDate))
	}
}

// TestAStanceExpressedIsWords: "The Valdorian side has expressed regret
// over …" and "Halden voiced deep and serious concern about …" are their
// words; "expressed the cargo" and "concern was expressed" are no one's.
// "…, Nord reports via the Valdorian ministry" relays the ministry's
// words; "according to the law" names no one; "…,” said Ola Brandt during
// a press conference in Lund" is Brandt's.
func TestAStanceExpressedIsWords(t *testing.T) {
	wantSpeeches(t, "2025-07-10", "The Valdorian side has expressed regret over the damage to the embassy, Nord reports via the Valdorian ministry. "+
		"Halden voiced deep and serious concern about the raids. The company expressed the cargo to Lund. Concern was expressed over the arrests. "+
		"Those who break it are prosecuted according to the law. “Now is a difficult period,” said Ola Brandt during a press conference in Lund.",
		"Valdorian side: regret over the damage to the embassy",
		"Valdorian ministry: The Valdorian side has expressed regret over the damage to the embassy",
		"Halden: deep and serious concern about the raids",
		"Ola Brandt: Now is a difficult period")
}

// TestCountsOfANationsPeople: "six Valdekh citizens" in an article that
// names Valdekhstan is Valdekhstan's people, as "16 were Ostrian citizens"
// and "6 were from Valdekhstan" are; "Tristan" keeps its letters.
func TestCountsOfANationsPeople(t *testing.T) {
	fs := Read(doc("d", "2025-07-10", "The plane crashed near Lund, Valdekhstan. Among the victims were six Valdekh citizens. "+
		"Of those on board, 16 were Ostrian citizens, 6 were from Valdekhstan, and 3 were released."))
	var got []string
	for _, f := range kinds(fs, KindQuantity) {
		got = append(got, f.Quantity.Value+" "+f.Quantity.Counted+" of "+f.Quantity.Of)
	}
	want := []string{"6 citizen of " + Key("Valdekhstan"), "16 citizen of " + Key("Ostrian"), "6 person of " + Key("Valdekhstan"), "3 person of "}
	if !slices.Equal(got, want) {
		t.Errorf("counts %q, want %q", got, want)
	}
	if Key("Tristan") == Key("Tri") {
		t.Errorf("Key(Tristan) = Key(Tri) = %q", Key("Tri"))
	}
}

// TestADateBeforeWhenDatesTheWhenClause: "Tensions escalated further on
// July 1, when police raided the office of …" dates the raid, and the
// escalation with it; "took a hit in December 2024 when a missile unit
// shot down a plane" dates the downing.
func TestADateBeforeWhenDatesTheWhenClause(t *testing.T) {
	fs := Read(doc("d", "2025-07-05", "Tensions escalated further on July 1, when Valdorian police conducted a raid on the Halden office of Nord Media. "+
		"Relations took a hit in December 2024 when a missile unit reportedly shot down a passenger plane."))
	var got []string
	for _, f := range kinds(fs, KindDate) {
		got = append(got, f.Text+"→"+f.Event.Trigger+"+"+strings.Join(f.Event.Also, ","))
	}
	if want := []string{"July 1→raid+escal", "December 2024→shot+hit"}; !slices.Equal(got, want) {
		t.Errorf("dates %q, want %q", got, want)
	}
}

// TestANameSetOffByCommasBeforeTheCue: "Tamm's press secretary, Ola
// Brandt, said the ministry understood …" and "Another brother, Kamal
// Marten, said he …" are Brandt's and Marten's words; "The raid targeted
// Lund, said the ministry" and "…, says Tamm" name their source after
// the cue.
func TestANameSetOffByCommasBeforeTheCue(t *testing.T) {
	fs := Read(doc("d", "2025-07-10", "Tamm’s press secretary, Ola Brandt, said the ministry understood the decision. "+
		"Another brother, Kamal Marten, said he suffered broken ribs. The raid targeted Lund, said the ministry. "+
		"Halden will keep its ties with Ostria, says Tamm."))
	got := speeches(fs)
	want := []string{"Ola Brandt: the ministry understood the decision", "Kamal Marten: he suffered broken ribs",
		"ministry: The raid targeted Lund", "Tamm: Halden will keep its ties with Ostria"}
	if !slices.Equal(got, want) {
		t.Errorf("speech %q, want %q", got, want)
	}
}

// TestEachSpeakerHasOnlyTheirOwnClause: in "While the committee reported
// six arrests, local media indicated that …", the committee's words end
// where local media's begin, and the injured are counted by local media;
// "…, Reuters reported" closes Varn's words, and Reuters relays them.
func TestEachSpeakerHasOnlyTheirOwnClause(t *testing.T) {
	fs := Read(doc("d", "2025-07-10", "While the investigative committee reported a total of six arrests, local media indicated that at least three detainees were injured. "+
		"Varn said the missiles were fired after drones entered the airspace, Reuters reported."))
	got := speeches(fs)
	want := []string{
		"investigative committee: a total of six arrests",
		"local media: at least three detainees were injured",
		"Varn: the missiles were fired after drones entered the airspace",
		"Reuters: Varn said the missiles were fired after drones entered the airspace",
	}
	if !slices.Equal(got, want) {
		t.Errorf("speech %q, want %q", got, want)
	}
	for _, q := range kinds(fs, KindQuantity) {
		if q.Text == "at least three detainees" && q.Source != "local media" {
			t.Errorf("%q is %q's, want local media's", q.Text, q.Source)
		}
	}
}

// TestAFindingIndicatesNoOnesWords: "indicated" gives the words of a
// name, a pronoun or a body that speaks, not of a letter or a fact; and
// "States" in "the Commonwealth of Independent States" is a name's word,
// not a cue.
func TestAFindingIndicatesNoOnesWords(t *testing.T) {
	wantSpeeches(t, "2025-07-10", "Official Baku indicated that payments and compensation differ. "+
		"The letter indicated that the case had been closed. "+
		"Varn will not attend the summit of the Commonwealth of Independent States (CIS) in Ostria.",
		"Official Baku: payments and compensation differ")
}

// TestADeadlineDatesItsOwnVerb: in "the report on the crash of the plane
// would be completed by December of this year", December is when the
// report is due, not when the plane crashed; "was downed on 25 December"
// still dates the downing.
func TestADeadlineDatesItsOwnVerb(t *testing.T) {
	fs := Read(doc("d", "2025-02-19", "Brandt announced that the final report on the crash of the Nordair plane near Lund would be completed by December of this year. "+
		"The plane crashed on 25 December 2024 near Lund."))
	var got []string
	for _, f := range kinds(fs, KindDate) {
		got = append(got, f.Text+"→"+f.Event.Trigger)
	}
	if want := []string{"December of this year→", "25 December 2024→crash"}; !slices.Equal(got, want) {
		t.Errorf("dates %q, want %q", got, want)
	}
}

// TestAGroupTheSubjectIsAmong: "the brothers were among 50 people
// detained" gives a group that holds others, so "two Valdorians" whom
// police came to arrest are no other count of it; "among six" and "among
// 50" are both totals of one event, and disagree.
func TestAGroupTheSubjectIsAmong(t *testing.T) {
	two := doc("a", "2025-07-01", "On June 27, in Kessel, police came to arrest two Valdorians suspected of murders.")
	fifty := doc("b", "2025-07-01", "The brothers Ivo Tamm, 55, and Ola Tamm, 60, were among 50 people detained on June 27 in Kessel.")
	six := doc("c", "2025-07-01", "The Tamm brothers were among six Valdorians detained on June 27 in Kessel.")
	wantCountDisagreements(t, 0, "two whom police came to arrest and a group of 50 the brothers were among", two, fifty)
	wantCountDisagreements(t, 1, "among six and among 50 detained", six, fifty)
	for _, q := range kinds(Read(fifty), KindQuantity) {
		if q.Text == "50 people" && !q.Quantity.Among {
			t.Errorf("%q is no group the subject is among", q.Text)
		}
	}
}

// TestTheHeadOfAnAppositiveIsDoneTo: in "Ivo Tamm, the son of the head of
// the diaspora, Ola Tamm, was detained on Monday", the son was detained,
// and his first name opening the sentence is a name; his detention and
// the father's on another day are two events, not one date in dispute.
func TestTheHeadOfAnAppositiveIsDoneTo(t *testing.T) {
	son := doc("a", "2025-07-16", "Ivo Tamm, the son of the head of the Valdorian diaspora in Kessel, Ola Tamm, was detained on Monday evening in Kessel.")
	father := doc("b", "2025-07-04", "Police in Kessel detained Ola Tamm, head of the Valdorian diaspora, on July 3.")
	fs := Read(son)
	var to []string
	for _, f := range kinds(fs, KindAct) {
		to = append(to, f.Event.To...)
	}
	if want := []string{Key("Ivo"), Key("Tamm")}; !slices.Equal(to, want) {
		t.Errorf("detained %q, want %q", to, want)
	}
	dates := append(kinds(fs, KindDate), kinds(Read(father), KindDate)...)
	for _, d := range Disagreements(dates) {
		t.Errorf("the son's and the father's detentions: %+v, want no disagreement", d)
	}
}

// TestWordsOfANameBeforeItsAppositive: "Ola Brandt, the president's envoy
// for culture, expressed deep regret …" are Brandt's words, and so is the
// quotation in single quotes before "he said" that follows; "during a
// meeting with the minister, Ivo Tamm, the Ostrian side expressed a
// protest" is the Ostrian side's.
func TestWordsOfANameBeforeItsAppositive(t *testing.T) {
	wantSpeeches(t, "2025-07-31", "Ola Brandt, the Ostrian president's special envoy for culture, expressed deep regret over the decision. "+
		"'Such actions cause regret,' he said in a statement on Thursday. "+
		"During a meeting with the Deputy Minister, Ivo Tamm, the Ostrian side expressed a protest over the raids.",
		"Ola Brandt, the Ostrian president's special envoy for culture: deep regret over the decision",
		"Ola Brandt, the Ostrian president's special envoy for culture: Such actions cause regret",
		"Ostrian side: a protest over the raids")
}

// TestACountInWordsAfterAName: "Brandt called Tamm twice" and "met Tamm
// three times" count times, though a name stands before the number;
// "Flight 8243", "Channel One" and "No one was hurt" count nothing.
func TestACountInWordsAfterAName(t *testing.T) {
	fs := Read(doc("d", "2025-12-26", "After the crash, Brandt called Tamm twice to apologize. Brandt met Tamm three times. "+
		"Flight 8243 crashed. Channel One reported the crash. No one was hurt."))
	var got []string
	for _, q := range kinds(fs, KindQuantity) {
		got = append(got, q.Text+"→"+q.Quantity.Counted)
	}
	if want := []string{"twice→" + Key("times"), "three times→" + Key("times")}; !slices.Equal(got, want) {
		t.Errorf("counts %q, want %q", got, want)
	}
}

// TestABareCountBeforeAVerbGroup: "29 managed to survive" and "nine were
// arrested" count people, who survived and were arrested; "38 people
// died" stays the dead.
func TestABareCountBeforeAVerbGroup(t *testing.T) {
	fs := Read(doc("d", "2025-02-19", "As a result of the disaster, 38 people died, 29 managed to survive. Two were killed, and nine were arrested."))
	var got []string
	for _, q := range kinds(fs, KindQuantity) {
		got = append(got, q.Text+"→"+q.Quantity.Counted+"+"+q.Event.Trigger)
	}
	want := []string{"38 people→person+die", "29→person+" + Key("survive"), "Two→person+die", "nine→person+" + Key("detained")}
	if !slices.Equal(got, want) {
		t.Errorf("counts %q, want %q", got, want)
	}
}

// TestAnAnaphorOfTheYear: "in the fall of the same year" after "In April
// 2022" is the fall of 2022, and "later that year" is 2022, whatever year
// the article is of.
func TestAnAnaphorOfTheYear(t *testing.T) {
	fs := Read(doc("d", "2024-11-01", "In April 2022, Lund began supplying Halden with bombs, and in the fall of the same year, Ostria transferred its jets to Halden. "+
		"The talks resumed later that year."))
	var got []string
	for _, f := range kinds(fs, KindDate) {
		got = append(got, f.Text+"="+f.Date.Value)
	}
	if want := []string{"April 2022=2022-04", "fall of the same year=2022-09/2022-11", "later that year=2022"}; !slices.Equal(got, want) {
		t.Errorf("dates %q, want %q", got, want)
	}
}

// TestWordsAfterAsidesOfTheirCircumstance: "Ola Brandt, in an interview
// with a local paper, commenting on the strikes, noted: …" and "Ivo Tamm,
// in his most candid admission to date, admitted …" are the named
// speakers' words, across the asides that tell where and how.
func TestWordsAfterAsidesOfTheirCircumstance(t *testing.T) {
	wantSpeeches(t, "2025-08-11", `Today, Ostrian political scientist Ola Brandt, in an interview with a local paper, commenting on the strikes on the depot in Lund, noted: "This means that Ostria is becoming a target." `+
		"Halden President Ivo Tamm, in his most candid admission to date, admitted that Halden played a role in the downing.",
		`Ostrian political scientist Ola Brandt: "This means that Ostria is becoming a target."`, "Halden President Ivo Tamm: Halden played a role in the downing")
}

// TestWhatASpeakerCallsSomethingUnquoted: "Tamm called the detention a
// political provocation and said …" is Tamm's naming of it, as a quoted
// one is; "Tamm called Brandt a day later" and "called a meeting" are no
// words.
func TestWhatASpeakerCallsSomethingUnquoted(t *testing.T) {
	wantSpeeches(t, "2025-07-31", "Ivo Tamm called the detention a political provocation and said it could harm ties. "+
		"Ola Brandt called the removal a logical, correct and legal action. "+
		"Tamm called Ola Brandt a day later. The president called a meeting of the council.",
		"Ivo Tamm: the detention a political provocation", "Ola Brandt: the removal a logical, correct and legal action")
}

// TestAYearInAPlansName: "the “National Education – 2030” reform plan"
// and "Vision 2030" name plans, not dates; "Moscow's 2025 parade",
// "Christmas Day, 2024" (a day) and "In December 2024" date.
func TestAYearInAPlansName(t *testing.T) {
	fs := Read(doc("d", "2025-07-05", "A message alleged that instruction in Ostrian would be phased out under the “National Education – 2030” reform plan. "+
		"Halden's Vision 2030 strategy was adopted. Tamm skipped Moscow's 2025 Victory Day parade. The crash occurred on Christmas Day, 2024. In December 2024, the plane crashed."))
	var got []string
	for _, f := range kinds(fs, KindDate) {
		got = append(got, f.Text)
	}
	if want := []string{"2025", "Christmas Day, 2024", "December 2024"}; !slices.Equal(got, want) {
		t.Errorf("dates %q, want %q", got, want)
	}
}

// TestWhomAPassiveCueNamesSaidIt: "the death toll was disclosed by
// Halden's Deputy Prime Minister Ivo Tamm" and "this was announced by the
// Ministry of Transport of Ostria" are Tamm's and the ministry's words;
// "arrested by police" is no one's, "by President of the country" names
// no one, and "reports about the closure had been denied by Lund's
// Education Ministry" are not cut at the noun "reports".
func TestWhomAPassiveCueNamesSaidIt(t *testing.T) {
	wantSpeeches(t, "2025-01-06", "Interfax says the death toll was disclosed by Halden's Deputy Prime Minister Ivo Tamm in a meeting in Lund. "+
		"As reported by Nord, this was announced by the Ministry of Transport of Ostria on 5 January. "+
		"Two men were arrested by police. This was stated by President of the country. "+
		"Earlier reports about the closure of the schools had been denied by Lund's Education Ministry.",
		"Interfax: the death toll was disclosed by Halden's Deputy Prime Minister Ivo Tamm in a meeting in Lund",
		"Halden's Deputy Prime Minister Ivo Tamm: the death toll",
		"Ministry of Transport of Ostria: this",
		"Lund's Education Ministry: Earlier reports about the closure of the schools")
}

// TestHolidaysOfAFixedDay: "Christmas Day" and "New Year's Eve" are days,
// resolved as a day without a year is; the Orthodox Christmas is not 25
// December, and is not read.
func TestHolidaysOfAFixedDay(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The plane crashed on Christmas Day near the border, officials said.", "2024-12-25"},
		{"The plane crashed on Christmas Day 2023 near the border.", "2023-12-25"},
		{"The two presidents spoke on New Year's Eve, officials said.", "2024-12-31"},
		{"Believers marked Orthodox Christmas Day in the capital, officials said.", ""},
	}
	for _, tt := range tests {
		var got string
		for _, f := range kinds(Read(doc("x", "2025-01-10", tt.text)), KindDate) {
			got = f.Date.Value
		}
		if got != tt.want {
			t.Errorf("%q: date %q, want %q", tt.text, got, tt.want)
		}
	}
	if got, want := SpellHolidays("What happened on Christmas Day 2024, and on Orthodox Christmas Day?"), "What happened on December 25 2024, and on Orthodox Christmas Day?"; got != want {
		t.Errorf("SpellHolidays = %q, want %q", got, want)
	}
}

// TestADowningIsAShootingDown: a date beside "the downing of a plane"
// dates the downing, not the apology for it.
func TestADowningIsAShootingDown(t *testing.T) {
	fs := kinds(Read(doc("x", "2024-12-28", `The president apologized to Ostria for the "tragic" downing of a Halden Air plane on Christmas Day, officials said.`)), KindDate)
	if len(fs) != 1 || fs[0].Date.Value != "2024-12-25" || fs[0].Event.Trigger != Key("shot") {
		t.Errorf("date facts %+v, want 25 December 2024 of the downing (%q)", fs, Key("shot"))
	}
}

// TestAnEarlierSentenceStepsBack: after "Earlier," a sentence stands
// back from the date before it by a time it does not say, so "a day
// earlier" in it is no day before that date; "Earlier that day" is that
// day.
func TestAnEarlierSentenceStepsBack(t *testing.T) {
	const before = "The Culture Ministry cancelled the concerts on Sunday. "
	tests := []struct{ text, want string }{
		{before + "Earlier, the ministry summoned the envoy, protesting raids carried out by the police a day earlier.", ""},
		{before + "The ministry had summoned the envoy over raids carried out by the police a day earlier.", "2025-06-28"},
		{before + "Earlier that day, the police raided the office of the agency.", "2025-06-29"},
	}
	for _, tt := range tests {
		var got string
		for _, f := range kinds(Read(doc("x", "2025-06-30", tt.text)), KindDate) {
			if f.SentenceIndex == 1 {
				got = f.Date.Value
			}
		}
		if got != tt.want {
			t.Errorf("%q: second sentence's date %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestAHeadingOpensASection: "the day before" after a heading is no day
// before a date told above the heading.
func TestAHeadingOpensASection(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The plane was hit on Wednesday as it approached the city.\n\nTamm demands an admission of guilt\n\nHe demanded compensation even after the apology from the president the day before.", ""},
		{"The plane was hit on Wednesday as it approached the city.\n\nHe demanded compensation even after the apology from the president the day before.", "2024-12-24"},
	}
	for _, tt := range tests {
		var got string
		for _, f := range kinds(Read(doc("x", "2024-12-29", tt.text)), KindDate) {
			if strings.Contains(f.Sentence, "day before") {
				got = f.Date.Value
			}
		}
		if got != tt.want {
			t.Errorf("%q: date of \"the day before\" %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestACountIsNoLaterThanItsArticle: "38 people" killed, in an article of
// December 2024, are no count of "the June 27, 2025, killing of two
// Ostrians" that a later article tells beside the crash.
func TestACountIsNoLaterThanItsArticle(t *testing.T) {
	var fs []Fact
	fs = append(fs, Read(doc("a", "2024-12-29", "Officials reported that 38 people were killed in the crash of the plane near Aktau, while 29 survived."))...)
	fs = append(fs, Read(doc("b", "2025-10-29", "Tensions escalated after the December 25, 2024, crash of a passenger plane near Aktau, and the June 27, 2025, killing of two Ostrians in police custody in Lorvan."))...)
	if ds := Disagreements(kinds(fs, KindQuantity)); len(ds) > 0 {
		t.Errorf("disagreements %+v, want none: the two were killed after the first article", ds)
	}
}
