package retrieval

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestFuseRRF(t *testing.T) {
	rrf := func(ranks ...int) float64 {
		var s float64
		for _, r := range ranks {
			s += 1 / (60 + float64(r))
		}
		return s
	}
	tests := []struct {
		name string
		vec  []vectorHit
		lex  []lexicalHit
		want []fused
	}{
		{
			name: "both sides agree",
			vec:  []vectorHit{{"a", 0.9}, {"b", 0.8}},
			lex:  []lexicalHit{{ID: "a", Score: 5}, {ID: "b", Score: 3}},
			want: []fused{
				{ID: "a", Score: rrf(1, 1), VectorScore: 0.9, LexicalScore: 5},
				{ID: "b", Score: rrf(2, 2), VectorScore: 0.8, LexicalScore: 3},
			},
		},
		{
			name: "found by both beats found by one",
			vec:  []vectorHit{{"v", 0.9}, {"x", 0.8}},
			lex:  []lexicalHit{{ID: "l", Score: 9}, {ID: "x", Score: 2}},
			want: []fused{
				{ID: "x", Score: rrf(2, 2), VectorScore: 0.8, LexicalScore: 2},
				{ID: "l", Score: rrf(1), LexicalScore: 9},
				{ID: "v", Score: rrf(1), VectorScore: 0.9},
			},
		},
		{
			name: "a tie goes to the lexical side",
			vec:  []vectorHit{{"v", 0.9}},
			lex:  []lexicalHit{{ID: "l", Score: 1}},
			want: []fused{
				{ID: "l", Score: rrf(1), LexicalScore: 1},
				{ID: "v", Score: rrf(1), VectorScore: 0.9},
			},
		},
		{
			name: "numbers and dates first",
			vec:  []vectorHit{{"v", 0.9}, {"k", 0.1}},
			lex:  []lexicalHit{{ID: "v", Score: 3}, {ID: "k", Score: 2, Keys: 1}},
			want: []fused{
				{ID: "k", Score: 1 + rrf(2, 2), VectorScore: 0.1, LexicalScore: 2, Keys: 1},
				{ID: "v", Score: rrf(1, 1), VectorScore: 0.9, LexicalScore: 3},
			},
		},
		{name: "nothing", want: []fused{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fuseRRF(tt.vec, tt.lex, rrfK, 1)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("fuseRRF (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFuseRRFVectorWeight(t *testing.T) {
	got := fuseRRF([]vectorHit{{"v", 0.9}}, []lexicalHit{{ID: "l", Score: 1}, {ID: "v", Score: 0.5}}, rrfK, 0.5)
	want := []fused{
		{ID: "v", Score: 0.5/61 + 1.0/62, VectorScore: 0.9, LexicalScore: 0.5},
		{ID: "l", Score: 1.0 / 61, LexicalScore: 1},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("weighted fuseRRF (-want +got):\n%s", diff)
	}
	if w := vectorWeight(NewLocalEmbedder()); w != 0.5 {
		t.Errorf("local embedder weight %v", w)
	}
	if w := vectorWeight(blindEmbedder{}); w != 1 {
		t.Errorf("default weight %v", w)
	}
}

func TestSingleSideRankings(t *testing.T) {
	got := fromVector([]vectorHit{{"b", 0.5}, {"a", 0.5}, {"c", 0.9}})
	want := []fused{{ID: "c", Score: 0.9, VectorScore: 0.9}, {ID: "a", Score: 0.5, VectorScore: 0.5}, {ID: "b", Score: 0.5, VectorScore: 0.5}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fromVector (-want +got):\n%s", diff)
	}
	gotL := fromLexical([]lexicalHit{{ID: "x", Score: 2, Keys: 1}})
	if diff := cmp.Diff([]fused{{ID: "x", Score: 2, LexicalScore: 2, Keys: 1}}, gotL); diff != "" {
		t.Errorf("fromLexical (-want +got):\n%s", diff)
	}
}
