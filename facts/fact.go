// Package facts is crisisbot's one reading of the articles. It reads each
// document once, at ingest, into typed facts — dated events, quantities
// with what they count, names of people, places and organisations, stated
// causes, and who says what — each tied to the passage and the exact words
// it was read from. Answers, the timeline and the digest read these facts;
// none of them parses dates or numbers itself.
//
// Nothing here names the people, places or sides of any one story: names
// are found by their shape (capitalised words, titles, "in X"), sides by
// who the text says is speaking. The rules follow what the field knows of
// news: relative dates are anchored to the publication date and their tense
// (HeidelTime, SUTime), an attribution has a source, a cue and a content
// (PARC), and a count is only comparable with a count of the same thing in
// the same event.
package facts

// Version is the reader's version. Stored facts read by another version
// are read again; bump it whenever a change alters what Read returns.
const Version = 167

// Kind is what a fact is about.
type Kind string

// Fact kinds.
const (
	KindDate     Kind = "date"     // a dated event: Date is set
	KindQuantity Kind = "quantity" // a count, sum or share: Quantity is set
	KindEntity   Kind = "entity"   // a person, place or organisation: Entity is set
	KindCause    Kind = "cause"    // a stated cause: Cause is set
	KindSpeech   Kind = "speech"   // who says it: Speech is set
	KindTime     Kind = "time"     // a time of day: Clock is set
	// KindAct is an event word whose grammar says who does it or to whom:
	// Event holds its Trigger, By and To only.
	KindAct Kind = "act"
	// KindAbbrev is an abbreviation the article defines: Abbrev is set.
	KindAbbrev Kind = "abbrev"
)

// Fact is one thing an article says, with where it says it.
type Fact struct {
	Kind Kind `json:"kind"`
	// DocID and PassageID locate the fact; PassageID is the corpus passage
	// ("doc#NNN") whose text holds Sentence.
	DocID     string `json:"doc"`
	PassageID string `json:"passage"`
	// Sentence is the sentence the fact was read from, verbatim and trimmed;
	// SentenceIndex numbers it in the document, from 0.
	Sentence      string `json:"sentence"`
	SentenceIndex int    `json:"sentence_index"`
	// Start and End are the byte offsets of Text in Sentence: Text is
	// Sentence[Start:End], the exact words the fact was read from.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`

	Date     *Date     `json:"date,omitempty"`
	Quantity *Quantity `json:"quantity,omitempty"`
	Entity   *Entity   `json:"entity,omitempty"`
	Cause    *Cause    `json:"cause,omitempty"`
	Speech   *Speech   `json:"speech,omitempty"`
	Clock    *Clock    `json:"clock,omitempty"`
	Abbrev   *Abbrev   `json:"abbrev,omitempty"`

	// Event is what happened in the clause the fact sits in: what a date
	// dates, what a count counts. Empty for entities and speech.
	Event Event `json:"event,omitzero"`
	// Source is who the sentence attributes the fact to ("the Azerbaijani
	// prosecutor's office"), carried over from a neighbouring "… he said."
	// where the text does so; empty when the article states it itself.
	Source string `json:"source,omitempty"`
}

// Event is the frame of one clause: its trigger (what happened) and its
// arguments. Two facts are about the same event only when their frames
// agree (see SameEvent).
type Event struct {
	// Trigger is the stem of the event word: "detain", "kill", "raid",
	// "die", "shoot"; empty when the clause has none.
	Trigger string `json:"trigger,omitempty"`
	// Participants are the folded keys of the names and nouns that take
	// part ("brother", "safarov", "sputnik", "passeng"), sorted.
	Participants []string `json:"participants,omitempty"`
	// Places are the folded keys of the places the clause names.
	Places []string `json:"places,omitempty"`
	// When is the value of the clause's own date, if it has one.
	When string `json:"when,omitempty"`
	// By and To are the keys of the names that do the act and of those
	// it is done to or aimed at, where the grammar says (see Opposed):
	// "Azerbaijan's envoy delivered a protest to Moscow" is by
	// "azerbaij", to "moscov".
	By []string `json:"by,omitempty"`
	To []string `json:"to,omitempty"`
	// Also are the keys of event words that open participle clauses going
	// on from the trigger's, at its time: "police raided the office on
	// Monday, detaining seven staff" dates the detentions too. For a
	// count, the event word joined to its own by "and": "two nationals
	// were arrested and later died" counts those of whom both hold.
	Also []string `json:"also,omitempty"`
}

// Quantity is a number and what it counts.
type Quantity struct {
	// Value is the normalised value: digits ("50", "38", "1.5"), or a vague
	// word ("dozens", "several").
	Value string `json:"value"`
	// Low and High bound what the words allow: "more than 50" is (50, +Inf)
	// written as Low 51, High -1; "dozens" is 24 to 99; "50" is 50 to 50.
	// High < 0 means unbounded.
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// Counted is the stem of the noun counted ("person", "employe",
	// "passeng", "brother"); Unit is "percent", a currency, or a unit of
	// time or distance, and empty for a head count.
	Counted string `json:"counted,omitempty"`
	Unit    string `json:"unit,omitempty"`
	// Person is true when the counted noun denotes people.
	Person bool `json:"person,omitempty"`
	// Of is, for an age, the key of the person it is the age of, when the
	// name stands beside it ("Huseyn Safarov, 60", "the 60-year-old
	// Huseyn Safarov"), and for a count of people the key of the nation
	// they are of ("30 Azerbaijani citizens", "37 were citizens of
	// Azerbaijan"). AsOf is the article's date: when an age held, and what
	// a count's event is no later than.
	Of   string `json:"of,omitempty"`
	AsOf string `json:"as_of,omitempty"`
	// Among is set for a group its sentence's subject is one part of:
	// "the brothers were among 50 people detained". A smaller count of the
	// same event may count that part.
	Among bool `json:"among,omitempty"`
}

// EntityType is what an entity is.
type EntityType string

// Entity types.
const (
	Person EntityType = "person"
	Place  EntityType = "place"
	Org    EntityType = "org"
	Other  EntityType = "other"
)

// Entity is a name in the text.
type Entity struct {
	Type EntityType `json:"type"`
	// Name is the name as written; Key is its folded form for matching.
	Name string `json:"name"`
	Key  string `json:"key"`
}

// Cause is a stated cause: Cause explains Effect.
type Cause struct {
	// Effect is what is explained, as a stem: "die" for a death, or the
	// trigger of another event ("cancel").
	Effect string `json:"effect"`
	// Cause is the cause as written: "heart failure", "post-traumatic shock".
	Cause string `json:"cause"`
}

// Speech is an attribution: who says what, and with which cue.
type Speech struct {
	// Speaker is the source as written ("Azerbaijan's prosecutor's office",
	// "Russian investigators", "he" resolved to its antecedent when the text
	// allows). Never the accused: in "tortured, allegedly by the police" the
	// police are the agent, and the speaker is unnamed, so no Speech is read.
	Speaker string `json:"speaker"`
	// Cue is the attribution word: "said", "according to", "claimed".
	Cue string `json:"cue"`
	// Content is the attributed words, as written.
	Content string `json:"content"`
	// Continued is set when the words are a quotation that goes on after
	// the sentence naming its speaker, which Speaker and Cue are from: the
	// fact's own words are the quotation's.
	Continued bool `json:"continued,omitempty"`
}
