package timeline

import (
	"fmt"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/corpus"
)

func TestProfRefresh(t *testing.T) {
	docs := synthetic(t, 2000)
	fs := readAll(docs)
	x := NewIndex()
	for i, d := range docs {
		x.UpdateFacts(d, fs[i])
	}
	t0 := time.Now()
	x.Events()
	t.Logf("first merge %v; nodes %d comp2 %d", time.Since(t0), len(x.merged.nodes), len(x.merged.comp2))
	revs := make([]corpus.Document, 4)
	for i := range revs {
		revs[i] = docs[0]
		revs[i].Body += fmt.Sprintf("\nOn July 9, 2025, revision %d was published.", i)
	}
	rf := readAll(revs)
	for i := range 4 {
		t0 := time.Now()
		dm := mentionsOf(revs[i], rf[i])
		t1 := time.Now()
		x.merged.set(revs[i].ID, &dm)
		t2 := time.Now()
		e := x.merged
		nd, c1 := len(e.dirtyNodes), len(e.dirty1)
		e.reweigh()
		t3 := time.Now()
		nd2 := len(e.dirtyNodes)
		idf := func(k string) float64 { return e.idf[k] }
		for n := range e.dirtyNodes {
			n.v = weighVec(n.weights, idf, false)
			n.z = weighVec(n.weights, idf, true)
		}
		for n := range e.dirtyNodes {
			for o := range n.adj {
				delete(o.adj, n)
				e.dirtyComp1(o)
			}
			clear(n.adj)
		}
		for n := range e.dirtyNodes {
			e.link(n)
		}
		t4 := time.Now()
		c1b := len(e.dirty1)
		ng := e.regroup()
		t5 := time.Now()
		for _, g := range ng {
			e.link2(g)
		}
		c2 := len(e.dirty2)
		e.reevent(ng)
		t6 := time.Now()
		clear(e.dirtyNodes)
		e.collect()
		t7 := time.Now()
		x.events = nil
		x.current()
		t8 := time.Now()
		t.Logf("mentionsOf %v set %v reweigh %v link %v regroup %v reevent %v collect %v sort %v | dirty nodes %d→%d comp1 %d→%d groups %d comp2 %d",
			t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3), t5.Sub(t4), t6.Sub(t5), t7.Sub(t6), t8.Sub(t7), nd, nd2, c1, c1b, len(ng), c2)
	}
}
