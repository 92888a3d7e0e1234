package eval

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/retrieval"
)

// Asker answers a question; *answer.Engine is one.
type Asker interface {
	Ask(ctx context.Context, question string) (answer.Answer, error)
}

// Verdict says how a question fared, and for a failure, where it failed.
type Verdict string

// Verdicts, from the most upstream failure down.
const (
	OK Verdict = "ok"
	// RetrievalMiss: the answer misses facts that the top-5 passages lack too.
	RetrievalMiss Verdict = "retrieval miss"
	// ComposerMiss: the top-5 passages hold every fact but the answer misses some.
	ComposerMiss Verdict = "composer miss"
	// FalseAbstention: the engine abstained on an answerable question.
	FalseAbstention Verdict = "false abstention"
	// Unsupported: the answer has every fact but its cited passages do not.
	Unsupported Verdict = "unsupported citations"
	// WrongAttribution: the answer has every fact, but does not name the
	// speaker, or the bot's own words credit someone else.
	WrongAttribution Verdict = "wrong attribution"
	// FalseDisagreement: the answer has every fact, but claims a
	// disagreement on a question where the sources do not disagree.
	FalseDisagreement Verdict = "false disagreement"
	// AnsweredUnanswerable: the engine answered a question the articles cannot.
	AnsweredUnanswerable Verdict = "answered unanswerable"
)

// hitK is the retrieval depth of the hit@k figures that diagnose misses.
const hitK = 5

// Report holds the figures of one run over a question set. Rates are in
// [0, 1] and are 0 when their denominator is.
type Report struct {
	Questions    int `json:"questions"`
	Answerable   int `json:"answerable"`
	Unanswerable int `json:"unanswerable"`
	// Paraphrases and Conflicts count the answerable paraphrased and
	// conflict questions.
	Paraphrases int `json:"paraphrases"`
	Conflicts   int `json:"conflicts"`
	// HitAt1 and HitAt5: fraction of answerable questions whose top-1 /
	// top-5 passages together contain every fact.
	HitAt1 float64 `json:"hit_at_1"`
	HitAt5 float64 `json:"hit_at_5"`
	// ParaphraseHitAt5 is HitAt5 over the paraphrased questions only.
	ParaphraseHitAt5 float64 `json:"paraphrase_hit_at_5"`
	// FactRate: fraction of the facts of answerable questions that appear in
	// grounded answers (an abstention contributes none).
	FactRate float64 `json:"fact_rate"`
	// CitationSupport: fraction of grounded answers to answerable questions
	// whose cited passages (the [n] in the text) together contain every fact.
	CitationSupport float64 `json:"citation_support"`
	// DisagreementsShown: fraction of conflict questions whose grounded
	// answer reports every side.
	DisagreementsShown float64 `json:"disagreements_shown"`
	// FalseDisagreements counts the answers that claim a disagreement
	// (answer.Answer.Disagreement set) on answerable questions that are not
	// conflict questions; FalseDisagreementRate divides it by the number of
	// those questions. AgreeQuestions and FalseDisagreementsOnAgree count
	// the same over the questions marked agree, where several sources give
	// the same value.
	FalseDisagreements        int     `json:"false_disagreements"`
	FalseDisagreementRate     float64 `json:"false_disagreement_rate"`
	AgreeQuestions            int     `json:"agree_questions"`
	FalseDisagreementsOnAgree int     `json:"false_disagreements_on_agree"`
	// AttributionQuestions counts the questions with a speaker;
	// AttributionAccuracy is the fraction of them whose answer is grounded,
	// names the speaker, and credits no one else in the bot's own words
	// (see Detail.Attribution).
	AttributionQuestions int     `json:"attribution_questions"`
	AttributionAccuracy  float64 `json:"attribution_accuracy"`
	// Abstention: fraction of unanswerable questions answered with
	// Grounded false.
	Abstention float64 `json:"abstention"`
	// FalseAbstention: fraction of answerable questions answered with
	// Grounded false.
	FalseAbstention float64  `json:"false_abstention"`
	Details         []Detail `json:"details,omitempty"`
}

// Detail is how one question fared, for debugging.
type Detail struct {
	ID         string `json:"id"`
	Question   string `json:"question"`
	Answerable bool   `json:"answerable"`
	Paraphrase bool   `json:"paraphrase,omitempty"`
	Conflict   bool   `json:"conflict,omitempty"`
	Agree      bool   `json:"agree,omitempty"`
	// Top are the ids of the top-5 passages.
	Top  []string `json:"top"`
	Hit1 bool     `json:"hit1"`
	Hit5 bool     `json:"hit5"`
	// MissedTop5 are the facts that no top-5 passage contains.
	MissedTop5 []Fact `json:"missed_top5,omitempty"`
	Grounded   bool   `json:"grounded"`
	// Support is the answer's support (answer.Answer.Support), which the
	// composer's threshold is compared with: for tuning that threshold on
	// the dev split.
	Support float64 `json:"support"`
	Answer  string  `json:"answer"`
	// Disagreement is the answer's disagreement sentence, if any.
	Disagreement string `json:"disagreement,omitempty"`
	// Written are the sentences of the answer that the bot wrote itself:
	// the disagreement sentence, and every sentence not found verbatim in
	// a cited passage.
	Written []string `json:"written,omitempty"`
	// Cited are the passage ids the answer text cites.
	Cited []string `json:"cited,omitempty"`
	// MissedAnswer are the facts the answer lacks (all of them on abstention).
	MissedAnswer []Fact `json:"missed_answer,omitempty"`
	// Unsupported are the facts the cited passages lack.
	Unsupported []Fact `json:"unsupported,omitempty"`
	// FalseDisagreement is set when the answer claims a disagreement on an
	// answerable question that is not a conflict question.
	FalseDisagreement bool `json:"false_disagreement,omitempty"`
	// Attribution is, for a question with a speaker, "ok" or why not.
	Attribution string  `json:"attribution,omitempty"`
	Verdict     Verdict `json:"verdict"`
}

// Misses returns the details of the questions that did not fare OK.
func (r Report) Misses() []Detail {
	var out []Detail
	for _, d := range r.Details {
		if d.Verdict != OK {
			out = append(out, d)
		}
	}
	return out
}

// Run asks every question of qs, searching s for the retrieval figures and
// asking the engine newAsker builds on s for the answer figures. The search
// mode is whatever s applies (see WithMode).
func Run(ctx context.Context, s Searcher, newAsker func(Searcher) Asker, qs []Question) (Report, error) {
	asker := newAsker(s)
	var (
		r                              Report
		hit1, hit5, paraHit5           int
		facts, factsFound              int
		grounded, supported, bothSides int
		abstained, falseAbstained      int
		agreeable, attributed          int
	)
	for _, q := range qs {
		if err := ctx.Err(); err != nil {
			return Report{}, err
		}
		d, err := judge(ctx, s, asker, q)
		if err != nil {
			return Report{}, fmt.Errorf("question %s: %w", q.ID, err)
		}
		r.Details = append(r.Details, d)
		r.Questions++
		if !q.Answerable {
			r.Unanswerable++
			if !d.Grounded {
				abstained++
			}
			continue
		}
		r.Answerable++
		hit1 += b2i(d.Hit1)
		hit5 += b2i(d.Hit5)
		if q.Paraphrase {
			r.Paraphrases++
			paraHit5 += b2i(d.Hit5)
		}
		facts += len(q.Facts)
		factsFound += len(q.Facts) - len(d.MissedAnswer)
		if q.Conflict {
			r.Conflicts++
			bothSides += b2i(len(d.MissedAnswer) == 0)
		} else {
			agreeable++
			r.FalseDisagreements += b2i(d.FalseDisagreement)
		}
		if q.Agree {
			r.AgreeQuestions++
			r.FalseDisagreementsOnAgree += b2i(d.FalseDisagreement)
		}
		if len(q.Speaker) > 0 {
			r.AttributionQuestions++
			attributed += b2i(d.Attribution == attributionOK)
		}
		if !d.Grounded {
			falseAbstained++
			continue
		}
		grounded++
		supported += b2i(len(d.Unsupported) == 0)
	}
	r.HitAt1 = rate(hit1, r.Answerable)
	r.HitAt5 = rate(hit5, r.Answerable)
	r.ParaphraseHitAt5 = rate(paraHit5, r.Paraphrases)
	r.FactRate = rate(factsFound, facts)
	r.CitationSupport = rate(supported, grounded)
	r.DisagreementsShown = rate(bothSides, r.Conflicts)
	r.FalseDisagreementRate = rate(r.FalseDisagreements, agreeable)
	r.AttributionAccuracy = rate(attributed, r.AttributionQuestions)
	r.Abstention = rate(abstained, r.Unanswerable)
	r.FalseAbstention = rate(falseAbstained, r.Answerable)
	return r, nil
}

// judge searches and asks one question and scores the outcome.
func judge(ctx context.Context, s Searcher, asker Asker, q Question) (Detail, error) {
	d := Detail{ID: q.ID, Question: q.Question, Answerable: q.Answerable, Paraphrase: q.Paraphrase, Conflict: q.Conflict, Agree: q.Agree}
	results, err := s.Search(ctx, q.Question, retrieval.SearchOptions{K: hitK})
	if err != nil {
		return Detail{}, fmt.Errorf("search: %w", err)
	}
	results = results[:min(len(results), hitK)]
	top := make([]text, 0, len(results))
	for _, res := range results {
		d.Top = append(d.Top, res.ID)
		top = append(top, newText(res.Text))
	}
	d.MissedTop5 = missing(q.Facts, top...)
	d.Hit5 = q.Answerable && len(top) > 0 && len(d.MissedTop5) == 0
	d.Hit1 = q.Answerable && len(top) > 0 && len(missing(q.Facts, top[0])) == 0

	a, err := asker.Ask(ctx, q.Question)
	if err != nil {
		return Detail{}, fmt.Errorf("ask: %w", err)
	}
	d.Grounded, d.Answer, d.Disagreement, d.Support = a.Grounded, a.Text, a.Disagreement, a.Support
	if !q.Answerable {
		d.Verdict = OK
		if a.Grounded {
			d.Verdict = AnsweredUnanswerable
		}
		return d, nil
	}
	d.FalseDisagreement = !q.Conflict && a.Disagreement != ""
	cited := citedPassages(a)
	if a.Grounded {
		d.Written = written(a, cited)
	}
	if len(q.Speaker) > 0 {
		d.Attribution = attribution(q, a, d.Written)
	}
	if !a.Grounded {
		d.MissedAnswer = q.Facts
		d.Verdict = FalseAbstention
		return d, nil
	}
	d.MissedAnswer = missing(q.Facts, newText(a.Text))
	var citedTexts []text
	for _, c := range cited {
		d.Cited = append(d.Cited, c.PassageID)
		citedTexts = append(citedTexts, newText(c.Text))
	}
	d.Unsupported = missing(q.Facts, citedTexts...)
	switch {
	case slices.ContainsFunc(d.MissedAnswer, func(f Fact) bool { return slices.ContainsFunc(d.MissedTop5, f.equal) }):
		d.Verdict = RetrievalMiss
	case len(d.MissedAnswer) > 0:
		d.Verdict = ComposerMiss
	case len(d.Unsupported) > 0:
		d.Verdict = Unsupported
	case d.Attribution != "" && d.Attribution != attributionOK:
		d.Verdict = WrongAttribution
	case d.FalseDisagreement:
		d.Verdict = FalseDisagreement
	default:
		d.Verdict = OK
	}
	return d, nil
}

// citeMarker matches a citation in an answer: [1], [1, 3] or [2; 4].
var citeMarker = regexp.MustCompile(`\[(\d+(?:\s*[,;]\s*\d+)*)\]`)

// citedPassages returns the citations of a that its text actually refers to,
// in order of first reference: a listed but uncited passage supports nothing.
func citedPassages(a answer.Answer) []answer.Citation {
	byRef := make(map[int]answer.Citation, len(a.Citations))
	for _, c := range a.Citations {
		byRef[c.Ref] = c
	}
	var out []answer.Citation
	seen := make(map[int]bool)
	for _, m := range citeMarker.FindAllStringSubmatch(a.Text, -1) {
		for _, f := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
			n, err := strconv.Atoi(f)
			if c, ok := byRef[n]; err == nil && ok && !seen[n] {
				seen[n] = true
				out = append(out, c)
			}
		}
	}
	return out
}

func rate(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
