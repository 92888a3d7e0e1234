package timeline

import (
	"testing"

	"github.com/crisisbot/crisisbot/corpus"
)

// TestEventForNeedsTheQuestionsEvent: a question that names a person is
// not answered by another event of that person; its other words must be
// in the event's quotes too.
func TestEventForNeedsTheQuestionsEvent(t *testing.T) {
	x := NewIndex()
	x.Update(corpus.Document{ID: "a", Published: "2025-07-01", PublishedPrecision: "day",
		Body: "Lena Varga, born in 1966, was killed in the police building in Ostrava on 27 June 2025."})
	v := View{Index: x}
	var ids []string
	for _, e := range x.Events() {
		for _, s := range e.Sources {
			ids = append(ids, s.PassageID)
		}
	}
	if e, ok := v.EventFor("When was Lena Varga killed?", ids); !ok || e.Date.Value != "2025-06-27" {
		t.Errorf("EventFor(killed) = %+v, %v; want the killing on 27 June 2025", e.Date, ok)
	}
	if e, ok := v.EventFor("When was Lena Varga released?", ids); ok {
		t.Errorf("EventFor(released) = the event dated %s, want none: no quote says she was released", e.Date)
	}
}
