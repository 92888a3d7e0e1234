package timeline

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/facts"
)

func TestSynthStats(t *testing.T) {
	docs := synthetic(t, 2000)
	n := 0
	nodes := map[string]int{}
	wk := map[string]int{}
	causes := 0
	for _, d := range docs {
		dm := mentionsOf(d, facts.Read(d))
		causes += len(dm.causes)
		for _, m := range dm.mentions {
			n++
			var ks []string
			for k, w := range m.weights {
				ks = append(ks, fmt.Sprintf("%s=%g", k, w))
			}
			sort.Strings(ks)
			w := strings.Join(ks, ",")
			wk[w]++
			nodes[m.span.Lo.String()+m.span.Hi.String()+m.span.Label+w]++
		}
	}
	t.Logf("mentions %d, nodes %d, distinct weights %d, causes %d", n, len(nodes), len(wk), causes)
}
