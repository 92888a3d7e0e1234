// Command wordnetgen writes the thesaurus that package thesaurus embeds,
// from the WordNet 3.0 database files (Debian: apt-get install wordnet-base).
//
//	go run ./internal/wordnetgen -wordnet /usr/share/wordnet -out wordnet.txt.gz -license LICENSE-WordNet \
//		-capitals ../../facts/capitals.txt -irregular irregular.txt
//
// The database is parsed by hand (the format is wndb(5): one synset or one
// lemma per line): the Go WordNet readers on the module proxy are small
// personal projects, and only this generator needs to read it.
//
// Output: gzip'd text, one line per Snowball stem of a single-word lemma,
// sorted: "stem\trelated related ...", the related words also as stems;
// and one per two-word verb ("call_in\tsummon", its words' stems joined by
// "_"), with the single-word synonyms of its frequent senses, or, for a
// sense with none, the verbs it is a way of.
// A lemma's related words come from its most frequent senses only
// (WordNet lists a lemma's senses by frequency in tagged text):
//   - synonyms: the other single-word lemmas of the synset, when the
//     synset is also one of their own frequent senses ("automobile" → "car",
//     but not "machine", whose car sense is its sixth);
//   - single-word hypernyms of a noun's first sense ("tyrant" → "dictator").
//     Compounds are left out: their head word alone is too general
//     ("name" → "language unit" → "unit");
//   - adjective and adverb pertainyms ("cardiac" → "heart");
//   - derivationally related noun and verb forms ("invasion" ↔ "invade").
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/kljensen/snowball/english"
)

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "directory of the WordNet 3.0 dict files")
	out := flag.String("out", "wordnet.txt.gz", "output file")
	license := flag.String("license", "LICENSE-WordNet", "where to copy the WordNet licence")
	capitals := flag.String("capitals", "", "also write the national capitals and their countries to this file (facts embeds it)")
	irregular := flag.String("irregular", "", "also write the irregular verb forms and their base forms to this file (package thesaurus embeds it)")
	senses := flag.Int("senses", 3, "how many of a lemma's most frequent senses to use")
	synSenses := flag.Int("synonym-senses", 4, "a synonym counts only when the shared synset is among this many of its own most frequent senses")
	flag.Parse()
	if err := run(*dir, *out, *license, *capitals, *irregular, *senses, *synSenses); err != nil {
		fmt.Fprintln(os.Stderr, "wordnetgen:", err)
		os.Exit(1)
	}
}

var posFiles = map[byte]string{'n': "noun", 'v': "verb", 'a': "adj", 'r': "adv"}

// pointer is one relation of a synset. src and dst are 1-based word
// numbers, both 0 for a relation between whole synsets.
type pointer struct {
	sym      string
	off      int64
	pos      byte
	src, dst int
}

type synset struct {
	words []string
	ptrs  []pointer
}

type key struct {
	pos byte
	off int64
}

type db struct {
	synsets map[key]*synset
	// rank is a lemma's sense number (1-based) of a synset, per POS.
	rank map[string]map[key]int
	// lemmas is every lemma in index order, with its synsets by frequency.
	lemmas []lemmaSenses
}

type lemmaSenses struct {
	word string
	pos  byte
	offs []int64
}

func run(dir, out, license, capitals, irregular string, senses, synSenses int) error {
	d := &db{synsets: map[key]*synset{}, rank: map[string]map[key]int{}}
	for _, pos := range []byte{'n', 'v', 'a', 'r'} {
		if err := d.readData(filepath.Join(dir, "data."+posFiles[pos]), pos); err != nil {
			return err
		}
		if err := d.readIndex(filepath.Join(dir, "index."+posFiles[pos]), pos); err != nil {
			return err
		}
	}
	rel := map[string]map[string]bool{}
	add := func(from, to string) {
		if !single(from) || !single(to) {
			return
		}
		f, t := stem(from), stem(to)
		if f == t || english.IsStopWord(to) {
			return
		}
		if rel[f] == nil {
			rel[f] = map[string]bool{}
		}
		rel[f][t] = true
	}
	frequent := func(word string, k key) bool {
		r := d.rank[word][k]
		return r > 0 && r <= synSenses
	}
	for _, l := range d.lemmas {
		if from, ok := phrasal(l); ok {
			// "call in": the single-word lemmas of its frequent senses
			// ("summon"), keyed by the phrase's words' stems.
			for i, off := range l.offs {
				if i == senses {
					break
				}
				k := key{l.pos, off}
				s := d.synsets[k]
				ws := slices.DeleteFunc(slices.Clone(s.words), func(w string) bool { return !single(w) || !frequent(w, k) || english.IsStopWord(w) })
				if len(ws) == 0 {
					// A sense of its own ("call in": summon to enter):
					// the verb it is a way of.
					for _, p := range s.ptrs {
						if t := d.synsets[key{p.pos, p.off}]; p.sym == "@" && t != nil {
							ws = append(ws, slices.DeleteFunc(slices.Clone(t.words), func(w string) bool { return !single(w) || english.IsStopWord(w) })...)
						}
					}
				}
				for _, w := range ws {
					if rel[from] == nil {
						rel[from] = map[string]bool{}
					}
					rel[from][stem(w)] = true
				}
			}
			continue
		}
		if !single(l.word) {
			continue
		}
		for i, off := range l.offs {
			if i == senses {
				break
			}
			k := key{l.pos, off}
			s := d.synsets[k]
			if s == nil {
				return fmt.Errorf("%s: synset %d %c missing", l.word, off, l.pos)
			}
			self := slices.Index(s.words, l.word) + 1
			for _, w := range s.words {
				if w != l.word && frequent(w, k) {
					add(l.word, w)
				}
			}
			for _, p := range s.ptrs {
				t := d.synsets[key{p.pos, p.off}]
				if t == nil {
					continue
				}
				switch {
				case p.sym == "@" && l.pos == 'n' && i == 0:
					for _, w := range t.words {
						add(l.word, w)
					}
				case (p.sym == `\` || p.sym == "+") && p.src == self && p.dst > 0 && p.dst <= len(t.words):
					if p.sym == "+" && !(l.pos == 'n' && p.pos == 'v' || l.pos == 'v' && p.pos == 'n') {
						continue
					}
					add(l.word, t.words[p.dst-1])
					if p.sym == "+" {
						add(t.words[p.dst-1], l.word)
					}
				}
			}
		}
	}
	if err := writeOut(out, rel); err != nil {
		return err
	}
	if capitals != "" {
		if err := writeCapitals(capitals, d); err != nil {
			return err
		}
	}
	if irregular != "" {
		if err := writeIrregular(irregular, filepath.Join(dir, "verb.exc"), d); err != nil {
			return err
		}
	}
	return copyLicense(filepath.Join(dir, "data.noun"), license)
}

// writeCapitals writes, sorted, a line "capital\tcountry …" for each
// instance of the noun "national capital" and the synset it is part of,
// as lower-case single words ("baku\tazerbaijan"): a capital speaks for
// its country in the news ("Baku said").
func writeCapitals(path string, d *db) error {
	var capital key
	for k, s := range d.synsets {
		if k.pos == 'n' && slices.Contains(s.words, "national_capital") {
			capital = k
		}
	}
	if capital.off == 0 {
		return fmt.Errorf("no synset %q", "national_capital")
	}
	var lines []string
	for _, s := range d.synsets {
		if !slices.ContainsFunc(s.ptrs, func(p pointer) bool { return p.sym == "@i" && (key{p.pos, p.off}) == capital }) {
			continue
		}
		var countries []string
		for _, p := range s.ptrs {
			if t := d.synsets[key{p.pos, p.off}]; p.sym == "#p" && t != nil {
				countries = append(countries, slices.DeleteFunc(slices.Clone(t.words), func(w string) bool { return !single(w) })...)
			}
		}
		if len(countries) == 0 {
			continue
		}
		for _, w := range s.words {
			if single(w) {
				lines = append(lines, w+"\t"+strings.Join(countries, " "))
			}
		}
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
}

// writeIrregular writes, sorted, a line "form\tbase" for each single-word
// irregular verb form of WordNet's exception list (exc, wndb(5)'s
// morphology exceptions: "flew\tfly", "began\tbegin") that is no noun,
// verb or adverb lemma itself: "left", "found", "saw" and "wound" are words
// of their own, which a base form would misread. Participles that are also
// adjectives ("paid", "held") are kept: they are the verb's forms.
func writeIrregular(path, exc string, d *db) error {
	own := map[string]bool{}
	for _, l := range d.lemmas {
		if l.pos != 'a' {
			own[l.word] = true
		}
	}
	var lines []string
	err := eachLine(exc, func(line string) error {
		f := strings.Fields(line)
		if len(f) < 2 || !single(f[0]) || !single(f[1]) || f[0] == f[1] || own[f[0]] {
			return nil
		}
		lines = append(lines, f[0]+"\t"+f[1])
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(lines)
	lines = slices.CompactFunc(lines, func(a, b string) bool { return strings.Split(a, "\t")[0] == strings.Split(b, "\t")[0] })
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
}

// phrasal returns the key of a two-word verb lemma ("call_in", "let_go",
// "set_free"): its words' stems joined by "_", as package thesaurus looks
// a phrase up (Phrase).
func phrasal(l lemmaSenses) (string, bool) {
	a, b, ok := strings.Cut(l.word, "_")
	if l.pos != 'v' || !ok || !single(a) || strings.Contains(b, "_") || len(b) < 2 || strings.Trim(b, "abcdefghijklmnopqrstuvwxyz") != "" {
		return "", false
	}
	return stem(a) + "_" + stem(b), true
}

// single reports whether w is one plain word, as the analyzers would see it.
func single(w string) bool {
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func stem(w string) string { return english.Stem(w, true) }

// lemma normalises a word as the data files write it: lower case, without
// an adjective's syntactic marker ("galore(ip)").
func lemma(w string) string {
	if i := strings.IndexByte(w, '('); i >= 0 {
		w = w[:i]
	}
	return strings.ToLower(w)
}

func (d *db) readData(path string, pos byte) error {
	return eachLine(path, func(line string) error {
		f := strings.Fields(line)
		off, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return err
		}
		if f[2] == "s" {
			pos = 'a' // satellite adjectives live in data.adj too
		}
		n, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil {
			return err
		}
		s := &synset{}
		i := 4
		for range n {
			s.words = append(s.words, lemma(f[i]))
			i += 2
		}
		np, err := strconv.Atoi(f[i])
		if err != nil {
			return err
		}
		i++
		for range np {
			p := pointer{sym: f[i], pos: f[i+2][0]}
			if p.pos == 's' {
				p.pos = 'a'
			}
			if p.off, err = strconv.ParseInt(f[i+1], 10, 64); err != nil {
				return err
			}
			st, err := strconv.ParseUint(f[i+3], 16, 16)
			if err != nil {
				return err
			}
			p.src, p.dst = int(st>>8), int(st&0xff)
			s.ptrs = append(s.ptrs, p)
			i += 4
		}
		d.synsets[key{pos, off}] = s
		return nil
	})
}

func (d *db) readIndex(path string, pos byte) error {
	return eachLine(path, func(line string) error {
		f := strings.Fields(line)
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return err
		}
		np, err := strconv.Atoi(f[3])
		if err != nil {
			return err
		}
		offs := f[4+np+2:]
		if len(offs) != n {
			return fmt.Errorf("%s: %d senses, %d offsets", f[0], n, len(offs))
		}
		l := lemmaSenses{word: f[0], pos: pos}
		if d.rank[l.word] == nil {
			d.rank[l.word] = map[key]int{}
		}
		for i, o := range offs {
			off, err := strconv.ParseInt(o, 10, 64)
			if err != nil {
				return err
			}
			l.offs = append(l.offs, off)
			d.rank[l.word][key{pos, off}] = i + 1
		}
		d.lemmas = append(d.lemmas, l)
		return nil
	})
}

// eachLine calls fn for every line of path but the licence header, whose
// lines start with a space.
func eachLine(path string, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if line := sc.Text(); line != "" && line[0] != ' ' {
			if err := fn(line); err != nil {
				return fmt.Errorf("%s:%d: %w", path, n, err)
			}
		}
	}
	return sc.Err()
}

func writeOut(path string, rel map[string]map[string]bool) error {
	keys := make([]string, 0, len(rel))
	for k := range rel {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(zw)
	for _, k := range keys {
		ts := make([]string, 0, len(rel[k]))
		for t := range rel[k] {
			ts = append(ts, t)
		}
		slices.Sort(ts)
		fmt.Fprintf(w, "%s\t%s\n", k, strings.Join(ts, " "))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

// copyLicense writes the licence header of a data file (its lines that
// start with two spaces and a line number) to path.
func copyLicense(data, path string) error {
	f, err := os.Open(data)
	if err != nil {
		return err
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "  ") {
			break
		}
		line = strings.TrimLeft(line, " ")
		if i := strings.IndexByte(line, ' '); i >= 0 {
			line = line[i+1:]
		} else {
			line = ""
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
