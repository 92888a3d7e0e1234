package answer

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// Defaults for Options fields left zero.
const (
	DefaultMaxQuestionLen = 1000
	// A stuck model costs at most DefaultDeadline: a hung first attempt,
	// and a shorter second one in what is left.
	DefaultDeadline        = 20 * time.Second
	DefaultAttemptTimeout  = 15 * time.Second
	DefaultRetries         = 2
	DefaultBackoff         = 500 * time.Millisecond
	DefaultMaxBackoff      = 8 * time.Second
	DefaultMaxContextChars = 12000
	DefaultMinSupport      = 0.5
	DefaultMinSupportLLM   = 0.3
	DefaultMaxSentences    = 3
	// CharsPerToken is the conservative estimate behind MaxContextChars:
	// English news text runs about 4 characters per token, and names and
	// numbers fewer, so budgets assume 3.
	CharsPerToken = 3
)

// NotCovered is the answer text when the passages do not support an answer.
const NotCovered = "The articles I have do not cover that."

// NoFigure is the answer to a "how many" question when the passages tell
// of what is asked but give no figure of it.
const NoFigure = "The articles I have give no figure for that."

// NoteFallback is the Note of an extractive answer given because the
// language model failed.
const NoteFallback = "The language model was unavailable, so this answer is extractive."

// Searcher finds the passages a question is answered from.
// *retrieval.Library implements it.
type Searcher interface {
	Search(ctx context.Context, query string, opts retrieval.SearchOptions) ([]retrieval.Result, error)
}

// Options configures an Engine. Zero fields take the Default* values.
type Options struct {
	// Chat is the language model; nil means extractive answers only.
	Chat Chat
	// TopK is how many passages to retrieve; 0 means retrieval.DefaultK.
	TopK int
	// SearchMode is passed to the Searcher; empty means hybrid.
	SearchMode retrieval.Mode
	// MaxQuestionLen is the longest question accepted, in characters.
	MaxQuestionLen int
	// Deadline bounds the whole language-model attempt, retries and
	// backoff included; after it the answer is extractive.
	Deadline time.Duration
	// AttemptTimeout bounds one completion request.
	AttemptTimeout time.Duration
	// Retries is how many times a retryable failure is retried; 0 means
	// DefaultRetries and a negative value means none.
	Retries int
	// Backoff is the first retry's delay; it doubles up to MaxBackoff, and
	// each delay is jittered down by up to half.
	Backoff    time.Duration
	MaxBackoff time.Duration
	// Clock is the source of time; nil means RealClock.
	Clock Clock
	// MaxContextChars bounds the prompt (system message, question and
	// passages); the lowest-ranked passages are dropped first.
	MaxContextChars int
	// MinSupport is the share (0..1) of the question's IDF-weighted content
	// words that the best three-sentence window of the passages must
	// contain for an extractive answer; below it the engine abstains. 0
	// means DefaultMinSupport; a negative value never abstains on coverage.
	MinSupport float64
	// MinSupportLLM is the same threshold applied before asking the
	// model, lower because the model can bridge synonyms.
	MinSupportLLM float64
	// IgnoreUnknownNames turns off abstaining when a capitalised name in
	// the question ("France", "Mars") appears in none of the passages.
	IgnoreUnknownNames bool
	// MaxSentences caps an extractive answer, disagreement line excluded;
	// 0 means DefaultMaxSentences.
	MaxSentences int
	// Dates, when set, is the timeline: a grounded "when" answer adds the
	// event's date, citing every article whose own sentence gives it, and
	// keeps two events' dates from being called a disagreement.
	Dates Dates
	// Jitter maps a backoff delay to the delay actually slept; nil means a
	// uniformly random delay in [d/2, d].
	Jitter func(d time.Duration) time.Duration
}

// Engine answers questions from a Searcher's passages. It is safe for
// concurrent use.
type Engine struct {
	search Searcher
	opts   Options
	// related looks up the WordNet thesaurus, loaded on first use.
	related func(stem string) []string
	// abbrevs returns the abbreviations the stored articles define, when
	// the Searcher knows them (abbreviator); nil otherwise.
	abbrevs func() []facts.Abbrev
}

// abbreviator is a Searcher that knows the abbreviations its articles
// define: a question may use a short form that only an article not
// retrieved defines.
type abbreviator interface {
	Abbreviations() []facts.Abbrev
}

// lexicon returns what the engine reads a question with besides its
// passages.
func (e *Engine) lexicon() lexicon {
	lx := lexicon{related: e.related}
	if e.abbrevs != nil {
		lx.abbrevs = e.abbrevs()
	}
	return lx
}

// New returns an Engine with opts' zero fields set to their defaults.
func New(s Searcher, opts Options) *Engine {
	if opts.TopK <= 0 {
		opts.TopK = retrieval.DefaultK
	}
	if opts.MaxQuestionLen <= 0 {
		opts.MaxQuestionLen = DefaultMaxQuestionLen
	}
	if opts.Deadline <= 0 {
		opts.Deadline = DefaultDeadline
	}
	if opts.AttemptTimeout <= 0 {
		opts.AttemptTimeout = DefaultAttemptTimeout
	}
	switch {
	case opts.Retries == 0:
		opts.Retries = DefaultRetries
	case opts.Retries < 0:
		opts.Retries = 0
	}
	if opts.Backoff <= 0 {
		opts.Backoff = DefaultBackoff
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = DefaultMaxBackoff
	}
	if opts.Clock == nil {
		opts.Clock = RealClock{}
	}
	if opts.MaxContextChars <= 0 {
		opts.MaxContextChars = DefaultMaxContextChars
	}
	if opts.MinSupport == 0 {
		opts.MinSupport = DefaultMinSupport
	}
	if opts.MinSupportLLM == 0 {
		opts.MinSupportLLM = DefaultMinSupportLLM
	}
	if opts.MaxSentences <= 0 {
		opts.MaxSentences = DefaultMaxSentences
	}
	if opts.Jitter == nil {
		opts.Jitter = func(d time.Duration) time.Duration {
			if d <= 1 {
				return d
			}
			return d/2 + rand.N(d/2+1)
		}
	}
	e := &Engine{search: s, opts: opts, related: retrieval.RelatedStems()}
	if a, ok := s.(abbreviator); ok {
		e.abbrevs = a.Abbreviations
	}
	return e
}

// Ask answers question from the passages the Searcher returns. Bad
// questions are errs.Usage (empty) or errs.Invalid (too long) errors; a
// failing language model is not an error (the answer is then extractive,
// with NoteFallback), but a failing search or a cancelled ctx is.
func (e *Engine) Ask(ctx context.Context, question string) (Answer, error) {
	return e.AskWith(ctx, question, nil)
}

// ErrQuestionTooLong is wrapped by the error of a question over
// Options.MaxQuestionLen, so a front end can tell it from other bad input.
var ErrQuestionTooLong = errors.New("question too long")

// cleanQuestion cleans a question and checks its length.
func (e *Engine) cleanQuestion(question string) (string, error) {
	return CheckQuestion(question, e.opts.MaxQuestionLen)
}

// CheckQuestion returns question as the engine reads it (mentions,
// control characters and extra spaces gone), or an error when it is empty
// or longer than maxLen characters (0: DefaultMaxQuestionLen), which wraps
// ErrQuestionTooLong: a front end can check a question before it is asked.
func CheckQuestion(question string, maxLen int) (string, error) {
	if maxLen <= 0 {
		maxLen = DefaultMaxQuestionLen
	}
	q := CleanText(StripMentions(question))
	if q == "" {
		return "", errs.Errorf(errs.Usage, "the question is empty")
	}
	if n := utf8.RuneCountInString(q); n > maxLen {
		return "", errs.Wrap(errs.Invalid, ErrQuestionTooLong,
			fmt.Sprintf("the question is %d characters; the limit is %d (answer.max_question_chars)", n, maxLen))
	}
	return q, nil
}

// mentionRE matches Discord's mention syntax: users (<@123>, <@!123>),
// roles (<@&123>), channels (<#123>), and @everyone and @here.
var mentionRE = regexp.MustCompile(`<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b`)

// StripMentions removes Discord mention syntax from a question: it names
// no one the articles know, and its words ("everyone", digits) only skew
// retrieval. The CLI and Discord both ask through it.
func StripMentions(s string) string {
	return mentionRE.ReplaceAllString(s, " ")
}

// CleanText strips control and invisible formatting characters, folds
// compatibility forms (NFKC) and whitespace: for questions, the
// conversation before them, and whatever front end stores or shows them.
func CleanText(s string) string {
	// NFKC folds compatibility forms (full-width "ＷＨＯ", ligatures) onto
	// the plain letters the articles use.
	s = norm.NFKC.String(strings.ToValidUTF8(s, ""))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == utf8.RuneError:
			// dropped: control bytes and bidi overrides only hide text
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// abstain is the answer when the passages do not support one.
func abstain(q, mode string) Answer {
	return Answer{Question: q, Text: NotCovered, Grounded: false, Mode: mode, Citations: []Citation{}}
}

// citationOf builds the citation of a result under ref.
func citationOf(ref int, r retrieval.Result) Citation {
	return Citation{
		Ref: ref, DocID: r.DocID, PassageID: r.ID, Title: r.Title, Outlet: r.Outlet,
		Published: r.Published, PublishedPrecision: r.PublishedPrecision, URL: r.URL, Text: r.Text,
	}
}
