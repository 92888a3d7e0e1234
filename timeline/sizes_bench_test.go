package timeline

import (
	"fmt"
	"testing"

	"github.com/crisisbot/crisisbot/facts"
)

func BenchmarkSizesBuild(b *testing.B) {
	for _, n := range []int{500, 1000, 2000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			docs := synthetic(b, n)
			for b.Loop() {
				x := NewIndex()
				for _, d := range docs {
					x.Update(d)
				}
				x.Events()
			}
		})
	}
}

func BenchmarkSizesRefresh(b *testing.B) {
	for _, n := range []int{500, 1000, 2000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			docs := synthetic(b, n)
			x := NewIndex()
			for _, d := range docs {
				x.Update(d)
			}
			x.Events()
			d := docs[0]
			i := 0
			for b.Loop() {
				i++
				d.Body = docs[0].Body + fmt.Sprintf("\nOn July 9, 2025, revision %d was published.", i)
				x.Update(d)
				x.Events()
			}
		})
	}
}

func BenchmarkReadOnly(b *testing.B) {
	docs := synthetic(b, 200)
	for b.Loop() {
		for _, d := range docs {
			mentionsOf(d, facts.Read(d))
		}
	}
}
func BenchmarkFactsOnly(b *testing.B) {
	docs := synthetic(b, 200)
	for b.Loop() {
		for _, d := range docs {
			facts.Read(d)
		}
	}
}

func BenchmarkMentionsOf(b *testing.B) {
	docs := synthetic(b, 200)
	fs := make([][]facts.Fact, len(docs))
	for i, d := range docs {
		fs[i] = facts.Read(d)
	}
	b.ResetTimer()
	for b.Loop() {
		for i, d := range docs {
			mentionsOf(d, fs[i])
		}
	}
}
