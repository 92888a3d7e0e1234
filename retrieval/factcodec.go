package retrieval

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/crisisbot/crisisbot/facts"
)

// factsFormat is the layout written by encodeFacts. A record in another
// layout is not decoded: its document is read again, as for a record of
// another facts.Version.
const factsFormat = 8

// factsRecord is a document's entry in the facts bucket: its facts, read by
// facts.Version Version from the document whose content hash is Hash.
type factsRecord struct {
	Hash    string
	Version int
	Facts   []facts.Fact
}

// A facts record is binary rather than JSON: facts.Date.Label is `json:"-"`
// and would be lost, and every fact repeats its sentence, which JSON would
// store once per fact (see BenchmarkFactsCodec for sizes and times).
//
//	'F' uvarint(factsFormat) uvarint(version) str(hash) uvarint(len(facts)) fact…
//
// fact:
//
//	uvarint(flags) str(Kind) str(DocID) str(PassageID) str(Sentence)
//	varint(SentenceIndex) varint(Start) varint(End) [str(Text)]
//	[Date] [Quantity] [Entity] [Cause] [Speech] [Event] [Clock] [Abbrev] str(Source)
//
// A bracketed part is present when its flag is set; Text is written only
// when it is not Sentence[Start:End] (on reading it is that substring, which
// shares the sentence's memory). Every string is interned per record:
// uvarint 0 is "", 1 is a new string (uvarint length, bytes) that joins the
// table, k ≥ 2 is table[k-2]; so a sentence is stored once however many
// facts it holds, and likewise passage ids, kinds and keys. A string list
// is uvarint 0 for nil, else uvarint(n+1) and n strings. A float is byte 0
// and a zigzag varint when it is a small integer, else byte 1 and its 8
// IEEE bytes.
const (
	flagDate = 1 << iota
	flagQuantity
	flagEntity
	flagCause
	flagSpeech
	flagEvent
	flagText
	flagClock
	flagAbbrev
)

const factsMagic = 'F'

type factEncoder struct {
	buf   []byte
	table map[string]int
}

func (e *factEncoder) uvarint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *factEncoder) varint(v int64)   { e.buf = binary.AppendVarint(e.buf, v) }

func (e *factEncoder) str(s string) {
	if s == "" {
		e.uvarint(0)
		return
	}
	if k, ok := e.table[s]; ok {
		e.uvarint(uint64(k) + 2)
		return
	}
	e.table[s] = len(e.table)
	e.uvarint(1)
	e.uvarint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *factEncoder) strs(ss []string) {
	if ss == nil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(len(ss)) + 1)
	for _, s := range ss {
		e.str(s)
	}
}

func (e *factEncoder) float(x float64) {
	if x == math.Trunc(x) && math.Abs(x) < 1<<53 && !(x == 0 && math.Signbit(x)) {
		e.buf = append(e.buf, 0)
		e.varint(int64(x))
		return
	}
	e.buf = append(e.buf, 1)
	e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(x))
}

func (e *factEncoder) boolean(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

// derivedText reports whether f.Text is f.Sentence[f.Start:f.End].
func derivedText(f *facts.Fact) bool {
	return 0 <= f.Start && f.Start <= f.End && f.End <= len(f.Sentence) && f.Sentence[f.Start:f.End] == f.Text
}

func eventIsZero(ev *facts.Event) bool {
	return ev.Trigger == "" && ev.Participants == nil && ev.Places == nil && ev.When == "" && ev.By == nil && ev.To == nil && ev.Also == nil
}

// encodeFacts returns r in the layout above.
func encodeFacts(r factsRecord) []byte {
	e := &factEncoder{buf: make([]byte, 0, 64+48*len(r.Facts)), table: map[string]int{}}
	e.buf = append(e.buf, factsMagic)
	e.uvarint(factsFormat)
	e.uvarint(uint64(r.Version))
	e.str(r.Hash)
	e.uvarint(uint64(len(r.Facts)))
	for i := range r.Facts {
		f := &r.Facts[i]
		var flags uint64
		if f.Date != nil {
			flags |= flagDate
		}
		if f.Quantity != nil {
			flags |= flagQuantity
		}
		if f.Entity != nil {
			flags |= flagEntity
		}
		if f.Cause != nil {
			flags |= flagCause
		}
		if f.Speech != nil {
			flags |= flagSpeech
		}
		if !eventIsZero(&f.Event) {
			flags |= flagEvent
		}
		if f.Clock != nil {
			flags |= flagClock
		}
		if f.Abbrev != nil {
			flags |= flagAbbrev
		}
		derived := derivedText(f)
		if !derived {
			flags |= flagText
		}
		e.uvarint(flags)
		e.str(string(f.Kind))
		e.str(f.DocID)
		e.str(f.PassageID)
		e.str(f.Sentence)
		e.varint(int64(f.SentenceIndex))
		e.varint(int64(f.Start))
		e.varint(int64(f.End))
		if !derived {
			e.str(f.Text)
		}
		if d := f.Date; d != nil {
			e.str(d.Value)
			e.str(d.Precision)
			e.str(d.Label)
		}
		if q := f.Quantity; q != nil {
			e.str(q.Value)
			e.float(q.Low)
			e.float(q.High)
			e.str(q.Counted)
			e.str(q.Unit)
			e.boolean(q.Person)
			e.str(q.Of)
			e.str(q.AsOf)
			e.boolean(q.Among)
		}
		if en := f.Entity; en != nil {
			e.str(string(en.Type))
			e.str(en.Name)
			e.str(en.Key)
		}
		if c := f.Cause; c != nil {
			e.str(c.Effect)
			e.str(c.Cause)
		}
		if s := f.Speech; s != nil {
			e.str(s.Speaker)
			e.str(s.Cue)
			e.str(s.Content)
			e.boolean(s.Continued)
		}
		if flags&flagEvent != 0 {
			e.str(f.Event.Trigger)
			e.strs(f.Event.Participants)
			e.strs(f.Event.Places)
			e.str(f.Event.When)
			e.strs(f.Event.By)
			e.strs(f.Event.To)
			e.strs(f.Event.Also)
		}
		if c := f.Clock; c != nil {
			e.str(c.Value)
			e.varint(int64(c.Low))
			e.varint(int64(c.High))
			e.boolean(c.Twelve)
		}
		if a := f.Abbrev; a != nil {
			e.str(a.Short)
			e.str(a.Long)
		}
		e.str(f.Source)
	}
	return e.buf
}

// errFactsFormat is a facts record in a layout this build does not write.
var errFactsFormat = errors.New("facts record in another format")

type factDecoder struct {
	b     []byte
	table []string
	err   error
}

var errFactsTruncated = errors.New("facts record is truncated or corrupt")

func (d *factDecoder) fail() {
	if d.err == nil {
		d.err = errFactsTruncated
	}
	d.b = nil
}

func (d *factDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *factDecoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *factDecoder) int() int {
	v := d.varint()
	if v != int64(int(v)) {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *factDecoder) u8() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *factDecoder) str() string {
	switch k := d.uvarint(); k {
	case 0:
		return ""
	case 1:
		n := d.uvarint()
		if n > uint64(len(d.b)) {
			d.fail()
			return ""
		}
		s := string(d.b[:n])
		d.b = d.b[n:]
		d.table = append(d.table, s)
		return s
	default:
		if k-2 >= uint64(len(d.table)) {
			d.fail()
			return ""
		}
		return d.table[k-2]
	}
}

func (d *factDecoder) strs() []string {
	n := d.uvarint()
	if n == 0 {
		return nil
	}
	n--
	if n > uint64(len(d.b)) { // every string takes at least a byte
		d.fail()
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *factDecoder) float() float64 {
	switch d.u8() {
	case 0:
		return float64(d.varint())
	case 1:
		if len(d.b) < 8 {
			d.fail()
			return 0
		}
		x := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
		d.b = d.b[8:]
		return x
	default:
		d.fail()
		return 0
	}
}

// decodeFacts reads a record written by encodeFacts. It returns
// errFactsFormat for a record of another layout. The result does not
// refer to b.
func decodeFacts(b []byte) (factsRecord, error) {
	var r factsRecord
	if len(b) == 0 || b[0] != factsMagic {
		return r, errFactsFormat
	}
	d := &factDecoder{b: b[1:]}
	if d.uvarint() != factsFormat || d.err != nil {
		return r, errFactsFormat
	}
	r.Version = int(d.uvarint())
	r.Hash = d.str()
	n := d.uvarint()
	if n > uint64(len(d.b)) { // every fact takes several bytes
		return factsRecord{}, errFactsTruncated
	}
	if n > 0 {
		r.Facts = make([]facts.Fact, n)
	}
	for i := range r.Facts {
		f := &r.Facts[i]
		flags := d.uvarint()
		f.Kind = facts.Kind(d.str())
		f.DocID = d.str()
		f.PassageID = d.str()
		f.Sentence = d.str()
		f.SentenceIndex = d.int()
		f.Start = d.int()
		f.End = d.int()
		if flags&flagText != 0 {
			f.Text = d.str()
		} else if 0 <= f.Start && f.Start <= f.End && f.End <= len(f.Sentence) {
			f.Text = f.Sentence[f.Start:f.End]
		} else {
			d.fail()
		}
		if flags&flagDate != 0 {
			f.Date = &facts.Date{Value: d.str(), Precision: d.str(), Label: d.str()}
		}
		if flags&flagQuantity != 0 {
			f.Quantity = &facts.Quantity{Value: d.str(), Low: d.float(), High: d.float(), Counted: d.str(), Unit: d.str(), Person: d.u8() == 1, Of: d.str(), AsOf: d.str(), Among: d.u8() == 1}
		}
		if flags&flagEntity != 0 {
			f.Entity = &facts.Entity{Type: facts.EntityType(d.str()), Name: d.str(), Key: d.str()}
		}
		if flags&flagCause != 0 {
			f.Cause = &facts.Cause{Effect: d.str(), Cause: d.str()}
		}
		if flags&flagSpeech != 0 {
			f.Speech = &facts.Speech{Speaker: d.str(), Cue: d.str(), Content: d.str(), Continued: d.u8() == 1}
		}
		if flags&flagEvent != 0 {
			f.Event = facts.Event{Trigger: d.str(), Participants: d.strs(), Places: d.strs(), When: d.str(), By: d.strs(), To: d.strs(), Also: d.strs()}
		}
		if flags&flagClock != 0 {
			f.Clock = &facts.Clock{Value: d.str(), Low: d.int(), High: d.int(), Twelve: d.u8() == 1}
		}
		if flags&flagAbbrev != 0 {
			f.Abbrev = &facts.Abbrev{Short: d.str(), Long: d.str()}
		}
		f.Source = d.str()
		if d.err != nil {
			return factsRecord{}, fmt.Errorf("fact %d: %w", i, d.err)
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%d bytes after the last fact: %w", len(d.b), errFactsTruncated)
	}
	if d.err != nil {
		return factsRecord{}, d.err
	}
	return r, nil
}
