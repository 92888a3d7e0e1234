package forest

import (
	"slices"
	"testing"
)

// TestJoinKeepsTheLeastRoot: joined trees are rooted at their least index,
// whatever the order of the joins.
func TestJoinKeepsTheLeastRoot(t *testing.T) {
	f := New(6)
	f.Join(4, 2)
	f.Join(5, 4)
	f.Join(3, 1)
	if got, want := f.Roots(), []int{0, 1, 2, 1, 2, 2}; !slices.Equal(got, want) {
		t.Errorf("Roots() = %v, want %v", got, want)
	}
	f.Join(5, 1)
	if got, want := f.Roots(), []int{0, 1, 1, 1, 1, 1}; !slices.Equal(got, want) {
		t.Errorf("after joining 5 and 1, Roots() = %v, want %v", got, want)
	}
}
