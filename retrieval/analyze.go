package retrieval

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"

	"github.com/crisisbot/crisisbot/facts"
)

// maxStemCache bounds the stem cache, so that a stream of odd queries cannot
// grow it without limit. A news corpus has far fewer distinct words.
const maxStemCache = 1 << 18

// maxWordLen drops longer "words": base64, hashes, run-together garbage.
const maxWordLen = 64

// Analyzer turns text into the terms that the lexical index and the local
// embedder share: lower-cased, diacritics folded (Türkiye → turkiye), split
// on anything that is not a letter or digit, English stopwords dropped, and
// words stemmed with Snowball (English). Numbers are kept whole ("2024",
// "38") and never stemmed. An Analyzer is safe for concurrent use.
type Analyzer struct {
	mu    sync.RWMutex
	stems map[string]string // folded word → stem; Snowball is the slow part
}

// NewAnalyzer returns an Analyzer with an empty stem cache.
func NewAnalyzer() *Analyzer {
	return &Analyzer{stems: make(map[string]string)}
}

// Terms returns the stemmed terms of text, in order, repeats included.
func (a *Analyzer) Terms(text string) []string {
	var out []string
	a.Analyze(text, func(_ []byte, stem string) { out = append(out, stem) })
	return out
}

// Analyze calls fn for every term of text, in order, with the folded word
// (valid only during the call) and its stem. A month next to a number
// ("July 3", "3 July", "December 2024") also yields a date term, "july 3",
// "december 2024", so that a date matches as a whole and not as a month
// and a stray number.
func (a *Analyzer) Analyze(text string, fn func(word []byte, stem string)) {
	var buf [64]byte
	word := buf[:0]
	var digits, letters int
	var prevMonth, prevNum string
	emit := func() {
		if len(word) == 0 {
			return
		}
		// One letter alone is an initial, a stopword or the remains of a
		// character the source lost ("Erdo?an"): noise either way.
		keep := len(word) <= maxWordLen && !(letters == 1 && digits == 0 && len(word) == 1)
		if keep && !english.IsStopWord(string(word)) {
			stem := a.stem(word, digits > 0)
			fn(word, stem)
			month, num := monthName(word), ""
			if digits == len(word) {
				num = stem
			}
			switch {
			case num != "" && prevMonth != "":
				date := prevMonth + " " + num
				fn([]byte(date), date)
			case month != "" && prevNum != "":
				date := month + " " + prevNum
				fn([]byte(date), date)
			}
			prevMonth, prevNum = month, num
		} else {
			prevMonth, prevNum = "", ""
		}
		word, digits, letters = word[:0], 0, 0
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z':
				word = append(word, c)
				letters++
			case 'A' <= c && c <= 'Z':
				word = append(word, c+'a'-'A')
				letters++
			case '0' <= c && c <= '9':
				word = append(word, c)
				digits++
			default:
				emit()
				if c != ' ' {
					prevMonth, prevNum = "", "" // a date is words apart by spaces only
				}
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch {
		case unicode.Is(unicode.Mn, r):
			// A combining mark continues its word and folds to nothing.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			before := len(word)
			word = foldRune(word, r)
			for _, c := range word[before:] {
				if '0' <= c && c <= '9' {
					digits++
				} else {
					letters++
				}
			}
		default:
			emit()
			if !unicode.IsSpace(r) {
				prevMonth, prevNum = "", ""
			}
		}
	}
	emit()
}

// stem returns the cached stem of word. Words with digits are kept as they
// are: "2024" and "a320" are not English.
func (a *Analyzer) stem(word []byte, hasDigit bool) string {
	a.mu.RLock()
	s, ok := a.stems[string(word)]
	a.mu.RUnlock()
	if ok {
		return s
	}
	w := string(word)
	s = w
	if !hasDigit {
		s = Stem(w)
		if s == w {
			s = w // share the key's memory
		}
	}
	a.mu.Lock()
	if len(a.stems) < maxStemCache {
		a.stems[w] = s
	}
	a.mu.Unlock()
	return s
}

// Stem returns the stem of a folded, lower-case word (Fold) as the
// Analyzer stems it: Snowball English, a British "-ise" spelt "-ize"
// first (facts.FoldSpelling). The answer composer stems through it too.
func Stem(word string) string {
	return english.Stem(facts.FoldSpelling(word), true)
}

// monthName returns the full name of the month word names ("jul",
// "july" → "july"), or "".
func monthName(word []byte) string {
	switch string(word) {
	case "january", "jan":
		return "january"
	case "february", "feb":
		return "february"
	case "march", "mar":
		return "march"
	case "april", "apr":
		return "april"
	case "may":
		return "may"
	case "june", "jun":
		return "june"
	case "july", "jul":
		return "july"
	case "august", "aug":
		return "august"
	case "september", "sep", "sept":
		return "september"
	case "october", "oct":
		return "october"
	case "november", "nov":
		return "november"
	case "december", "dec":
		return "december"
	}
	return ""
}

// Fold returns the lower-case, diacritic-free form of a word, as the
// analyzer folds it before stemming ("Hüseyn" → "huseyn", "Əliyev" →
// "aliyev"). Characters other than letters and digits are dropped.
func Fold(word string) string {
	var b []byte
	for _, r := range word {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b = foldRune(b, r)
		}
	}
	return string(b)
}

// foldRune appends the lower-case, diacritic-free form of the letter or
// digit r to dst: é → e, İ → i, ß → ss, ﬁ → fi, ə → a (the Azerbaijani
// transliteration: Əliyev → Aliyev).
func foldRune(dst []byte, r rune) []byte {
	r = unicode.ToLower(r)
	switch r {
	case 'ı':
		return append(dst, 'i')
	case 'ə':
		return append(dst, 'a')
	case 'ø':
		return append(dst, 'o')
	case 'ł':
		return append(dst, 'l')
	case 'đ', 'ð':
		return append(dst, 'd')
	case 'ħ':
		return append(dst, 'h')
	case 'þ':
		return append(dst, 't', 'h')
	case 'ß':
		return append(dst, 's', 's')
	case 'æ':
		return append(dst, 'a', 'e')
	case 'œ':
		return append(dst, 'o', 'e')
	}
	var in, out [utf8.UTFMax * 4]byte
	dec := norm.NFKD.Append(out[:0], in[:utf8.EncodeRune(in[:], r)]...)
	for i := 0; i < len(dec); {
		d, n := utf8.DecodeRune(dec[i:])
		i += n
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if d < utf8.RuneSelf {
			if 'A' <= d && d <= 'Z' {
				d += 'a' - 'A'
			}
			if !('a' <= d && d <= 'z' || '0' <= d && d <= '9') {
				continue
			}
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(d))
	}
	return dst
}

// FoldDemonym maps a demonym stem onto its place's: "russian" and
// "russia", "azerbaijani" and "azerbaijan", "ukrainian" and "ukrain". The
// snowball stemmer leaves them apart; news text and questions use them
// interchangeably.
func FoldDemonym(stem string) string { return facts.FoldDemonym(stem) }
